// Where each request goes. A request from another site's page is refused first
// (http/local-only.ts; its Host was checked before it got here). A request under /__mock/ goes to the control plane; any other is a
// request to the API: admission (the engine's verdict → the spec's problems), then, for a
// command it admits, execution. The `--latency` chaos holds the answer after the command ran,
// `--drop-responses` loses it (the command ran, its webhooks go out, the connection closes
// with no answer: what `command_uid` is for), and the event stream hears of every request to
// the API as it is answered.
import type { IncomingMessage } from 'node:http';
import type { CommandAdmission } from './commands/admission.js';
import type { CommandExecution } from './commands/command-execution.js';
import { type Clock, sleep } from './common/clock.js';
import type { LocalOnlyCheck } from './http/local-only.js';
import { type HttpResult, withNote } from './common/http-result.js';
import { drawLatency, type LatencyRange } from './workbench/chaos.js';
import type { CommandFeed } from './workbench/command-feed.js';
import { isControlPath, type ControlPlane } from './workbench/control-plane.js';

export interface RequestRouterOptions {
  /** The refusal of a request a page of another site sent. */
  crossSite: LocalOnlyCheck;
  admission: CommandAdmission;
  execution: CommandExecution;
  control: ControlPlane;
  feed: CommandFeed;
  clock: Clock;
  /** Chaos: how long each answer from the API is held after its command ran. */
  latency: LatencyRange | undefined;
  /** Chaos: the chance (0–1) that the answer of a command that ran is lost. */
  dropResponses: number;
  /** The dice behind the chaos. */
  random: () => number;
}

export function createRequestRouter({
  crossSite,
  admission,
  execution,
  control,
  feed,
  clock,
  latency,
  dropResponses,
  random,
}: RequestRouterOptions) {
  /** Admission, then execution of what it admitted. */
  const api = async (req: IncomingMessage, url: URL) => {
    let body: Buffer | undefined;
    const admitted = await admission.admit(req, url, (bytes) => (body = bytes));
    if (!admitted.ok) return { admitted: undefined, result: admitted.reason, body };
    return { admitted: admitted.value, result: await execution.run(admitted.value), body };
  };

  return {
    async handle(req: IncomingMessage, url: URL): Promise<HttpResult> {
      const refused = crossSite(req, url.pathname);
      if (refused !== undefined) return refused;
      if (isControlPath(url.pathname)) return control.handle(req, url);
      const receivedAt = clock.now();
      const { admitted, result, body } = await api(req, url);
      // Chaos: the command has run (its webhooks may already be on their way); the answer waits.
      const latencyMs = latency === undefined ? 0 : drawLatency(latency, random);
      if (latencyMs > 0) await sleep(clock, latencyMs);
      const { rawHeaders } = req;
      feed.handled({ receivedAt, method: req.method ?? '', url, admitted, result, latencyMs, rawHeaders, body });
      const answer = latencyMs > 0 ? withNote(result, `latency ${latencyMs} ms`) : result;
      // Only the answer of a command that ran now is lost: its replay is how a client recovers.
      const ran = result.operationId !== undefined && result.headers['idempotent-replayed'] !== 'true';
      if (ran && dropResponses > 0 && random() < dropResponses)
        return { ...withNote(answer, 'answer dropped: --drop-responses'), drop: true };
      return answer;
    },
  };
}
