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
  res: ServerResponse;
  answer: Answer;
  /** A request that had not arrived in full when the connection broke: it never runs. */
  cancelled: boolean;
}

/** How many requests of one connection may wait behind the one being answered before it is read no further. */
export const MAX_WAITING_PER_CONNECTION = 8;

interface Connection {
  socket: Duplex;
  /** The request being answered (until its response is written), then those waiting, in arrival order: the first is under way. */
  steps: Step[];
  /** Reading is stopped: too many requests wait. */
  paused: boolean;
  /** An answer said `Connection: close` (or the client did): nothing more is run. */
  closing: boolean;
  /** Told once no request that arrived in full is left to answer (see `broken`). */
  drained: (() => void)[];
}

/** Answers one request; resolves with whether the answer closes the connection. */
export type Answer = () => Promise<{ closes: boolean }>;

export function createConnectionQueue() {
  const connections = new WeakMap<Duplex, Connection>();
  const connectionOf = (socket: Duplex): Connection => {
    let connection = connections.get(socket);
    if (connection === undefined) {
      connection = { socket, steps: [], closing: false, paused: false, drained: [] };
      connections.set(socket, connection);
    }
    return connection;
  };

  const resumeGuarded = new WeakSet<Duplex>();
  /** The one being answered and those waiting: stop reading past the bound, read again within it. */
  const regulate = (connection: Connection) => {
    const { socket } = connection;
    const over = connection.steps.length > 1 + MAX_WAITING_PER_CONNECTION;
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

  /** Whether a request that arrived in full is still to be answered (requests arrive in order: the first says). */
  const owesAnswers = (connection: Connection) => connection.steps[0]?.req.complete === true;

  // The steps are run by plain callbacks, not a chain of promises: this is every request's path.
  /** Starts the first step, the one before it being done. */
  const next = (connection: Connection) => {
    if (!owesAnswers(connection)) for (const drained of connection.drained.splice(0)) drained();
    const step = connection.steps[0];
    if (step === undefined) return;
    if (connection.closing || step.cancelled) return done(connection);
    let answer: ReturnType<Answer>;
    try {
      answer = step.answer();
    } catch {
      return answered(connection, step.res, true); // an answer that failed at once closes, as one that failed later
    }
    answer.then(
      ({ closes }) => answered(connection, step.res, closes),
      () => answered(connection, step.res, true),
    );
  };

  /** The step's answer is decided; the next one starts once it has been handed to the socket (or the socket is gone). */
  const answered = (connection: Connection, res: ServerResponse, closes: boolean) => {
    if (closes) connection.closing = true;
    if (res.writableFinished || res.destroyed) return done(connection);
    // node:http emits 'close' one tick after 'finish', and on its own when the connection goes first.
    res.once('close', () => done(connection));
  };

  const done = (connection: Connection) => {
    connection.steps.shift();
    // The next one starts before reading resumes, so a request read meanwhile finds it under way.
    next(connection);
    regulate(connection);
  };

  return {
    /** Runs `answer` once every request before this one on its connection has been answered. */
    run(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
      const connection = connectionOf(req.socket);
      const idle = connection.steps.length === 0;
      connection.steps.push({ req, res, answer, cancelled: false });
      regulate(connection);
      if (idle) next(connection);
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
      for (const step of connection.steps) if (!step.req.complete) step.cancelled = true;
      if (owesAnswers(connection)) await new Promise<void>((resolve) => connection.drained.push(resolve));
      return !connection.closing;
    },
  };
}
