// What admission asks of an engine: route one request, check its credentials are there, and
// validate it against the spec — a verdict, not yet an answer. Two engines give it: the
// compiled one (the spec's own schemas, compiled once) for every ordinary request, and Prism's,
// loaded only when a request says `Prefer` (its example-based mocking) or when asked to be the
// oracle that the compiled engine is tested against.
import { createCompiledEngine } from './compiled-engine.js';
import type { EngineRequest, EngineVerdict } from './engine-verdict.js';

export type { EngineRequest, EngineVerdict, PrismProblem } from './engine-verdict.js';

export interface RequestEngine {
  /** The compiled engine's verdict at once; Prism's, when it judges, once it has. */
  check(request: EngineRequest): EngineVerdict | Promise<EngineVerdict>;
  /** Loads Prism now, so the first `Prefer` does not wait for it. */
  preload(): Promise<void>;
}

/** Which engine judges requests without `Prefer`: the compiled one, or Prism (the oracle). */
export type EngineChoice = 'compiled' | 'prism';

export function createRequestEngine(document: object, choice: EngineChoice = 'compiled'): RequestEngine {
  const compiled = createCompiledEngine(document);
  let prism: Promise<RequestEngine['check']> | undefined;
  // Prism takes most of a start-up to load (and stalls the process while it does), and an
  // ordinary request never needs it: it is loaded by the first request that asks for it.
  const loadPrism = () =>
    (prism ??= import('./prism-engine.js').then(async ({ createPrismEngine }) => {
      const engine = await createPrismEngine(structuredClone(document));
      return (request: EngineRequest) => engine.check(request);
    }));
  return {
    check(request) {
      // Prism gets a copy of the headers: they may be the request's own.
      if (choice === 'prism' || request.headers.prefer !== undefined)
        return loadPrism().then((judge) => judge({ ...request, headers: { ...request.headers } }));
      return compiled.check(request);
    },
    preload: async () => {
      await loadPrism();
    },
  };
}
