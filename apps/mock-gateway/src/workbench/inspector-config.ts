// What the inspector page is told when it is served, as a JSON data block beside its scripts:
// the commands and causes from the spec, and whether to ask for credentials. Its own module,
// free of Node's types, so the page's JavaScript is type-checked against it (tsconfig.inspector.json).

export interface InspectorConfig {
  /** Each command of the spec: the form's choices, and where it is sent. */
  commands: { name: string; path: string; takesCause: boolean }[];
  causes: string[];
  defaultCause: string;
  /** The mock was started with --app-id/--api-key: the page asks for them, once. */
  credentialsRequired: boolean;
}
