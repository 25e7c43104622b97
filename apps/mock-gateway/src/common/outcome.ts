// "Accepted or refused", said one way everywhere: a check, a parse or a control either hands
// on what it accepted (`value`) or says why it refused (`reason`), tagged by `ok`, so a caller
// never has to guess whether `undefined` meant yes or no.

export type Outcome<Value, Reason> = Accepted<Value> | Refused<Reason>;

export interface Accepted<Value> {
  readonly ok: true;
  readonly value: Value;
}

export interface Refused<Reason> {
  readonly ok: false;
  readonly reason: Reason;
}

export const accept = <Value>(value: Value): Accepted<Value> => ({ ok: true, value });
export const refuse = <Reason>(reason: Reason): Refused<Reason> => ({ ok: false, reason });

/** Accepted, with nothing to hand on (the check passed): one shared object, since it carries nothing. */
export const PASSED: Accepted<undefined> = Object.freeze(accept(undefined));
