// @call-control/mock-gateway: run the mock gateway in-process (tests, other packages' suites).
export { generateWebhookSecret, startMockGateway, type MockGateway, type MockGatewayOptions } from './mock-gateway.js';
export type { MockGatewayStats } from './mock-gateway-options.js';
export type { DispatcherStats } from './webhook-dispatcher.js';
export { systemClock, type Clock } from './clock.js';
export { createLog, type Log, type LogFormat } from './log.js';
export { SCENARIO_HEADER, type Scenario } from './scenarios.js';
export { MOCK_CONTROL_PREFIX } from './mock-control.js';
