// One request at a time per connection, in the order they arrived. node:http parses pipelined
// requests as fast as they come and hands each to the server at once: a `GET` of a session
// behind a command on it would run before the command; a request behind a response that closes
// the connection would run and never be answered. Here each request waits until the one before
// it on its connection has been answered; once an answer closes the connection, nothing more
// from it runs; and a request Node could not parse is answered after every complete request
// before it, never instead of one.
//
// Node keeps parsing pipelined requests behind one whose answer is held (`dispatch-delay`,
// `--latency`): 200,000 tiny commands on one connection would all wait in memory. Once more
// than MAX_WAITING_PER_CONNECTION requests wait behind the one being answered, the connection
// is read no further (its socket paused, and paused again whenever something resumes it,
// such as reading a body), until the queue is back within the bound. What one read of the
// socket already held (at most 64 KiB) is still parsed: that, and the bound, is all a
// connection can make the mock hold.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

interface Step {
  req: IncomingMessage;
  /** Settles once this request has been answered (or skipped). */
  done: Promise<void>;
  /** A request that had not arrived in full when the connection broke: it never runs. */
  cancelled: boolean;
}

/** How many requests of one connection may wait behind the one being answered before it is read no further. */
export const MAX_WAITING_PER_CONNECTION = 8;

interface Connection {
  tail: Promise<void>;
  steps: Set<Step>;
  /** Reading is stopped: too many requests wait. */
  paused: boolean;
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
      connection = { tail: Promise.resolve(), steps: new Set(), closing: false, paused: false };
      connections.set(socket, connection);
    }
    return connection;
  };

  const resumeGuarded = new WeakSet<Duplex>();
  /** The one being answered and those waiting: stop reading past the bound, read again within it. */
  const regulate = (socket: Duplex, connection: Connection) => {
    const over = connection.steps.size > 1 + MAX_WAITING_PER_CONNECTION;
    if (over === connection.paused) return;
    connection.paused = over;
    if (!over) return void socket.resume();
    // node:http resumes the socket itself (when a body is read, when its output drains): pause it again then.
    if (!resumeGuarded.has(socket)) {
      resumeGuarded.add(socket);
      socket.on('resume', () => {
        if (connections.get(socket)?.paused) socket.pause();
      });
    }
    socket.pause();
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
      regulate(req.socket, connection);
      connection.tail = step.done.finally(() => {
        connection.steps.delete(step);
        regulate(req.socket, connection);
      });
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
