import { createAwsClients } from '../../generator/adapters/aws/clients.js';
import { createRoute53Dns } from '../../generator/adapters/aws/route53-dns.js';
import { startAwsEmulator } from '../emulators/aws/index.js';
import { describeDnsContract } from './dns.contract.js';

describeDnsContract('Route53 adapter against the AWS emulator', async () => {
  const emulator = await startAwsEmulator();
  const { route53, iam } = createAwsClients({
    env: {
      AWS_ENDPOINT_URL: emulator.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: emulator.admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: emulator.admin.secretAccessKey,
    },
  });
  return {
    provider: createRoute53Dns(route53, { waitPollIntervalMs: 1 }),
    async close() {
      route53.destroy();
      iam.destroy();
      await emulator.close();
    },
  };
});
