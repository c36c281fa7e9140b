import { describe, expect, it } from 'vitest';
import { createMemoryIdentity } from '../twins/identity.js';
import { describeIdentityContract } from './identity.contract.js';

describeIdentityContract('in-memory twin', async () => {
  const provider = createMemoryIdentity();
  return {
    provider,
    addHumanAccess: async (userName) => provider.addHumanAccess(userName),
    hideFromObserve: (arns) => provider.hideFromObserve(arns),
    close: async () => {},
  };
});

describe('in-memory IAM twin specifics', () => {
  it('counts successful writes only', async () => {
    const iam = createMemoryIdentity();
    await iam.createUser('/zonesmith/', 'zonesmith-w', {});
    await iam.createUser('/zonesmith/', 'zonesmith-w', {}).catch(() => undefined);
    await iam.observe('/zonesmith/');
    expect(iam.writes()).toBe(1);
  });
});
