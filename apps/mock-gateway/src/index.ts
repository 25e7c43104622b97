// @call-control/mock-gateway: run the mock gateway in-process (tests, other packages' suites).
export { generateWebhookSecret, startMockGateway, type MockGateway, type MockGatewayOptions } from './mock-gateway.js';
export type { MockGatewayStats } from './mock-gateway-options.js';
export type { DispatcherStats } from './delivery/delivery-reports.js';
export { systemClock, type Clock } from './common/clock.js';
export { createLog, type Log, type LogFormat } from './common/log.js';
export { SCENARIO_HEADER, type Scenario } from './commands/scenarios.js';
export { MOCK_CONTROL_PREFIX } from './workbench/control-plane.js';
export type {
  Delivery,
  DeliveryFilter,
  JournaledRequest,
  MockControl,
  RequestFilter,
  ResetSummary,
  WaitOptions,
} from './control/mock-control.js';
