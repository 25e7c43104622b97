// Where the cases that need a live call get one. A target with the mock gateway's control plane
// makes them on demand (`POST /__mock/sessions`) and ends them from the far side
// (`POST /__mock/sessions/{uuid}/remote-hangup`); against a real gateway a person places the
// test calls and passes their UUIDs (`--session`, used in order, each once). Without either,
// those cases are skipped with the reason — never passed.
import { randomUUID } from 'node:crypto';
import type { ContractCommand } from '../contract.js';
import { sendCommand, sendToBase, type GatewayTarget } from './gateway-target.js';

export const CONTROL_PLANE = '/__mock';

export interface LiveSessions {
  /** How the sessions come, for the report. */
  kind: 'control-plane' | 'given' | 'none';
  /** A ringing call, or the reason there is none. */
  take(): Promise<{ session: string } | { skipped: string }>;
  /** Ends a call from the far side (control plane), or with the first command that tears a call down. */
  endCall(session: string): Promise<void>;
  /** A session for a request the gateway must refuse: a ringing call on the control plane, else a UUID no call has. */
  scratch(): Promise<string>;
  /** Whether a wrong API key can be tested: false when the control plane says the mock takes any pair. */
  keyChecked: boolean;
}

const NO_SESSIONS =
  'needs a live call: pass --session <uuid> (a call placed for the test), or check a gateway that has the mock gateway’s control plane';

async function probeControlPlane(target: GatewayTarget): Promise<string | undefined> {
  const created = await sendToBase(target, 'POST', `${CONTROL_PLANE}/sessions`);
  if (!created.ok || created.status !== 201) return undefined;
  try {
    const { uuid, state } = JSON.parse(created.body) as { uuid?: string; state?: string };
    return typeof uuid === 'string' && target.contract.sessionUuid.test(uuid) && state === 'ringing' ? uuid : undefined;
  } catch {
    return undefined;
  }
}

/** The first command whose triggered webhooks include a teardown: the one that ends a call. */
export const teardownCommand = (commands: readonly ContractCommand[]) =>
  commands.find((command) => command.triggered.some(({ trigger }) => trigger === 'teardown'));

export async function findLiveSessions(target: GatewayTarget, given: readonly string[]): Promise<LiveSessions> {
  const first = await probeControlPlane(target);
  if (first !== undefined) {
    const spare = [first];
    const create = async () => spare.pop() ?? (await probeControlPlane(target));
    const failed = `the control plane at ${target.baseUrl}${CONTROL_PLANE}/sessions made no call this time`;
    // With --app-id/--api-key the mock asks every control request for the pair; without, it takes any pair at all.
    const unauthenticated = await sendToBase(target, 'GET', `${CONTROL_PLANE}/sessions/${randomUUID()}`, {
      withCredentials: false,
    });
    return {
      kind: 'control-plane',
      take: async () => {
        const session = await create();
        return session === undefined ? { skipped: failed } : { session };
      },
      endCall: async (session) => {
        await sendToBase(target, 'POST', `${CONTROL_PLANE}/sessions/${session}/remote-hangup`);
      },
      // A call of its own when the control plane makes one; a UUID no call has otherwise.
      scratch: async () => (await create()) ?? randomUUID(),
      keyChecked: unauthenticated.ok && unauthenticated.status === 401,
    };
  }
  const pool = [...given];
  const ender = teardownCommand(target.contract.commands);
  return {
    kind: given.length > 0 ? 'given' : 'none',
    take: () => {
      const session = pool.shift();
      if (session !== undefined) return Promise.resolve({ session });
      return Promise.resolve({
        skipped:
          given.length > 0 ? `needs one more live call than the ${given.length} given with --session` : NO_SESSIONS,
      });
    },
    endCall: async (session) => {
      if (ender !== undefined) await sendCommand(target, ender, session, { body: '{}' });
    },
    scratch: async () => randomUUID(),
    // A real gateway always knows its keys.
    keyChecked: true,
  };
}
