import { createRoute53Dns } from '../../generator/adapters/aws/route53-dns.js';
import { startAwsHarness } from '../adapters/aws/emulator-harness.js';
import { describeDnsContract } from './dns.contract.js';

describeDnsContract('Route53 adapter against the AWS emulator', async () => {
  const harness = await startAwsHarness();
  return {
    provider: createRoute53Dns(harness.clients.route53, { waitPollIntervalMs: 1 }),
    close: () => harness.close(),
  };
});
