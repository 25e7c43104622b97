// A stand-in gateway for the cases' own tests: a node:http server answering each command with
// a fixed status and, when asked, the mock gateway's control plane (sessions on demand, remote
// hang-up), so a case can be run without the mock and its outcome told apart.
import { randomUUID } from 'node:crypto';
import { serve } from './http-server.js';

export interface FakeGateway {
  /** The status of every command (202 with an envelope, or a problem). */
  commandStatus: number;
  controlPlane: boolean;
  /** Whether the control plane asks for credentials (a mock started with a pair). */
  pairRequired: boolean;
}

export async function startFakeGateway(options: Partial<FakeGateway> = {}) {
  const settings: FakeGateway = { commandStatus: 202, controlPlane: false, pairRequired: true, ...options };
  const created: string[] = [];
  const server = await serve(({ method, path, headers }, res) => {
    const json = (status: number, body: unknown, type = 'application/json') =>
      void res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
    if (path.startsWith('/__mock/') && settings.controlPlane) {
      if (settings.pairRequired && headers['x-api-key'] === undefined)
        return json(
          401,
          { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'd' },
          'application/problem+json',
        );
      if (method === 'POST' && path === '/__mock/sessions') {
        created.push(randomUUID());
        return json(201, { uuid: created.at(-1), state: 'ringing' });
      }
      if (method === 'POST' && path.endsWith('/remote-hangup')) return json(202, {});
      return json(
        404,
        { type: 'about:blank', title: 'Not Found', status: 404, detail: 'd' },
        'application/problem+json',
      );
    }
    if (settings.commandStatus === 202)
      return json(202, { operation_id: randomUUID(), status: 'in_progress', timeout_ms: 2000 });
    return json(
      settings.commandStatus,
      { type: 'about:blank', title: 'Error', status: settings.commandStatus, detail: 'd' },
      'application/problem+json',
    );
  });
  return { ...server, created, settings };
}
