// The same client suite against every target: a new target is one more line here.
import { clientSuite } from './client-suite.js';
import { mockGateway, mockGatewayBehindPrismProxy, prismMock } from './targets.js';

for (const target of [prismMock, mockGateway, mockGatewayBehindPrismProxy]) clientSuite(target);
