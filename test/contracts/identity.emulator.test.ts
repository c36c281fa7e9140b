import { createIamIdentity } from '../../generator/adapters/aws/iam-identity.js';
import { startAwsHarness } from '../adapters/aws/emulator-harness.js';
import { describeIdentityContract } from './identity.contract.js';
import { addHumanAccess } from '../support/human-iam.js';

describeIdentityContract('IAM adapter against the AWS emulator', async () => {
  const harness = await startAwsHarness();
  return {
    provider: createIamIdentity(harness.clients.iam),
    addHumanAccess: async (userName) => void (await addHumanAccess(harness.clients.iam, userName)),
    hideFromObserve: (arns) => harness.emulator.setListingGaps(arns),
    close: () => harness.close(),
  };
});
