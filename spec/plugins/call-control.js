// Redocly plugin with the house rules and decorators of the Call Control contract.
//
// The timing of each command's webhooks lives once, in the operation's `x-webhooks-triggered`
// extension: the mock gateway schedules from it, the rule below keeps it well formed, and the
// decorator renders it into the operation's description for the docs. The gateway's limits
// live once, in the root's `x-gateway-limits`: a decorator writes their figures into the
// descriptions, and a rule fails when prose states a figure the data does not hold.
import gatewayLimitsProse from './rules/gateway-limits-prose.js';
import webhooksTriggered from './rules/webhooks-triggered.js';
import gatewayLimitsDescription from './decorators/gateway-limits-description.js';
import webhooksTriggeredDescription from './decorators/webhooks-triggered-description.js';
import causeCodeTable from './decorators/cause-code-table.js';
import knownValuesList from './decorators/known-values-list.js';

export default function callControlPlugin() {
  return {
    id: 'call-control',
    rules: {
      oas3: {
        'webhooks-triggered': webhooksTriggered,
        'gateway-limits-prose': gatewayLimitsProse,
      },
    },
    decorators: {
      oas3: {
        'webhooks-triggered-description': webhooksTriggeredDescription,
        'cause-code-table': causeCodeTable,
        'gateway-limits-description': gatewayLimitsDescription,
        'known-values-list': knownValuesList,
      },
    },
  };
}
