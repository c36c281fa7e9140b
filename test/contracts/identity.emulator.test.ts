import { createIamIdentity } from '../../generator/adapters/aws/iam-identity.js';
import { startAwsHarness } from '../adapters/aws/emulator-harness.js';
import { describeIdentityContract } from './identity.contract.js';

describeIdentityContract('IAM adapter against the AWS emulator', async () => {
  const harness = await startAwsHarness();
  return { provider: createIamIdentity(harness.clients.iam), close: () => harness.close() };
});
