// @call-control/client against every server that speaks the contract: `prism mock` on the
// bundle, the mock gateway, and the mock gateway behind `prism proxy --errors` (the oracle).
// A new target is one more line here.
import { clientSuite } from './support/client-suite.js';
import { mockGateway, mockGatewayBehindPrismProxy, prismMock } from './support/targets.js';

for (const target of [prismMock, mockGateway, mockGatewayBehindPrismProxy]) clientSuite(target);
