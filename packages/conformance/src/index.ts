// @call-control/conformance: hold a webhook receiver or a gateway to the Call Control API's
// contract. The same cases the `call-control-conformance` command runs, as a library.
export {
  answeredInTimeCase,
  checkReceiver,
  receiverCases,
  type ReceiverCheckOptions,
} from './receiver/check-receiver.js';
export { readContract, type Contract } from './contract.js';
export { formatReport, summaryLine } from './format-report.js';
export { toJUnit } from './junit.js';
export type { CaseDefinition, CaseResult, Outcome, Report } from './report.js';
export { specText } from './spec-ref.js';
export { checkGateway, gatewayCases, type GatewayCheckOptions } from './gateway/check-gateway.js';
