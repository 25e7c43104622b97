// What the try-it panels are told when the page is built, as a JSON data block beside their
// script: the servers to send to, the credential headers, and each command's path and body
// fields, all read from the spec. Its own module, free of Node's types, so the panel's
// JavaScript is type-checked against it (tsconfig.try-it.json).

export interface TryItServer {
  /** The server's URL, each variable at its default. */
  url: string;
  description: string;
  /** The mock gateway: the spec's server on this machine (a loopback host). Only it can make a call and stream its webhooks. */
  mock: boolean;
}

export interface TryItField {
  name: string;
  /** One of these names, offered as a select (an `enum`, or the names the spec documents in `x-cause-codes`). */
  choices?: string[];
  default?: string;
  pattern?: string;
  maxLength?: number;
  /** The first of the schema's examples, as the input's placeholder. */
  example?: string;
  description: string;
}

export interface TryItOperation {
  method: string;
  /** The path as the spec writes it (`/api/v1/sessions/{uuid}/commands/hangup`). */
  path: string;
  /** The path parameter that names the session (`uuid`), and the rule its value keeps. */
  sessionParameter: { name: string; pattern?: string; example?: string };
  fields: TryItField[];
}

export interface TryItConfig {
  servers: TryItServer[];
  /** The index of the server chosen first: the mock's. */
  defaultServer: number;
  credentials: { header: string; placeholder: string }[];
  /** By operationId. */
  operations: Record<string, TryItOperation>;
  /** The control plane's paths, under the mock's URL. */
  mockControl: { sessions: string; events: string; inspector: string };
}
