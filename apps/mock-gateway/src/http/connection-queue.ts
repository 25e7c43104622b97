// One request at a time per connection, in the order they arrived. node:http parses pipelined
// requests as fast as they come and hands each to the server at once: a `GET` of a session
// behind a command on it would run before the command; a request behind a response that closes
// the connection would run and never be answered. Here each request waits until the one before
// it on its connection has been answered; once an answer closes the connection, nothing more
// from it runs; and a request Node could not parse is answered after every complete request
// before it, never instead of one.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

interface Step {
  req: IncomingMessage;
  /** Settles once this request has been answered (or skipped). */
  done: Promise<void>;
  /** A request that had not arrived in full when the connection broke: it never runs. */
  cancelled: boolean;
}

interface Connection {
  tail: Promise<void>;
  steps: Set<Step>;
  /** An answer said `Connection: close` (or the client did): nothing more is run. */
  closing: boolean;
}

/** Answers one request; resolves with whether the answer closes the connection. */
export type Answer = () => Promise<{ closes: boolean }>;

/** Resolves once the response has been handed to the socket (or the socket is gone). */
function written(res: ServerResponse): Promise<void> {
  if (res.writableFinished || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    res.once('finish', resolve);
    res.once('close', resolve);
  });
}

export function createConnectionQueue() {
  const connections = new WeakMap<Duplex, Connection>();
  const connectionOf = (socket: Duplex): Connection => {
    let connection = connections.get(socket);
    if (connection === undefined) {
      connection = { tail: Promise.resolve(), steps: new Set(), closing: false };
      connections.set(socket, connection);
    }
    return connection;
  };

  return {
    /** Runs `answer` once every request before this one on its connection has been answered. */
    run(req: IncomingMessage, res: ServerResponse, answer: Answer): Promise<void> {
      const connection = connectionOf(req.socket);
      const step: Step = { req, cancelled: false, done: Promise.resolve() };
      step.done = connection.tail.then(async () => {
        if (connection.closing || step.cancelled) return;
        const { closes } = await answer().catch(() => ({ closes: true }));
        if (closes) connection.closing = true;
        await written(res);
      });
      connection.steps.add(step);
      connection.tail = step.done.finally(() => connection.steps.delete(step));
      return step.done;
    },

    /**
     * The connection broke (a request Node cannot parse, or one that stopped arriving). The
     * requests that arrived in full are still answered; the one that did not never runs.
     * Resolves once they are answered, with whether the connection is still open for one more
     * answer (false when one of them closed it).
     */
    async broken(socket: Duplex): Promise<boolean> {
      const connection = connections.get(socket);
      if (connection === undefined) return true;
      const complete = [...connection.steps].filter((step) => step.req.complete);
      for (const step of connection.steps) if (!step.req.complete) step.cancelled = true;
      await Promise.all(complete.map((step) => step.done));
      return !connection.closing;
    },
  };
}
