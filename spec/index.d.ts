/** Absolute path of the bundled contract as JSON (`dist/openapi.json`). */
export declare const bundledSpecJsonPath: string;
/** Absolute path of the bundled contract as YAML (`dist/openapi.yaml`). */
export declare const bundledSpecYamlPath: string;
