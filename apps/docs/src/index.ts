// @call-control/docs: build the API reference and serve it.
export { buildDocs, defaultDocsDir, type BuildDocsOptions, type BuiltDocs } from './build-docs.js';
export {
  codeSamplesFor,
  curlSample,
  typescriptSample,
  withCodeSamples,
  SAMPLE_LANGUAGES,
  CLIENT_PACKAGE,
} from './code-samples.js';
export { findExternalReferences, isExternalUrl, type ExternalReference } from './external-references.js';
export { listOperations, type OpenApiDocument, type OperationEntry } from './openapi-document.js';
export {
  DEFAULT_DOCS_HOST,
  DEFAULT_DOCS_PORT,
  startDocsServer,
  type DocsServer,
  type DocsServerOptions,
} from './server.js';
