import { createAwsClients } from '../../generator/adapters/aws/clients.js';
import { createIamIdentity } from '../../generator/adapters/aws/iam-identity.js';
import { startAwsEmulator } from '../emulators/aws/index.js';
import { describeIdentityContract } from './identity.contract.js';

describeIdentityContract('IAM adapter against the AWS emulator', async () => {
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
    provider: createIamIdentity(iam),
    async close() {
      route53.destroy();
      iam.destroy();
      await emulator.close();
    },
  };
});
