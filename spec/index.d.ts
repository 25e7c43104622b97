/** Absolute path of the bundled contract as JSON (`dist/openapi.json`). */
export declare const bundledSpecJsonPath: string;
/** Absolute path of the bundled contract as YAML (`dist/openapi.yaml`). */
export declare const bundledSpecYamlPath: string;
/** Absolute path of the call flows as Arazzo workflows (`arazzo/call-flows.arazzo.yaml`). */
export declare const callFlowsPath: string;
