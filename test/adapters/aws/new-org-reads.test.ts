/**
 * A new org costs no GetUser / GetPolicy at plan time when the account-wide listing (GetAccountAuthorizationDetails)
 * is complete: a name it does not show is absent. A name it shows under another path (someone else's user) is read,
 * to name the conflict. Lean answers (every optional member left out, `zonesmith local --lean`) cannot prove
 * absence, so there each missing org's user and policy are read once. Counted from the emulator's stats.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CreateUserCommand } from '@aws-sdk/client-iam';
import { createIamIdentity } from '../../../generator/adapters/aws/iam-identity.js';
import { observeIdentity } from '../../../generator/observe/identity.js';
import { desiredFrom } from '../../plan/fixtures.js';
import { startAwsHarness, type AwsHarness } from './emulator-harness.js';

const ORGS = ['acme', 'globex', 'initech'].map((name) => ({
  name,
  clusters: [{ name: 'prod', cloud: 'aws' as const, repo: `${name}/gitops` }],
}));

let harness: AwsHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function observeNewOrgs(lean: boolean) {
  harness = await startAwsHarness({ leanResponses: lean });
  await harness.clients.iam.send(new CreateUserCommand({ UserName: 'zonesmith-globex', Path: '/' }));
  harness.emulator.resetStats();
  const observed = await observeIdentity(
    desiredFrom({ orgs: ORGS }),
    createIamIdentity(harness.clients.iam),
    Promise.resolve([]),
  );
  const calls = harness.emulator.stats().calls;
  return { observed, getUser: calls['GetUser'] ?? 0, getPolicy: calls['GetPolicy'] ?? 0 };
}

describe('reads for orgs the IAM listing does not show', () => {
  it('full answers: none for absent names, one GetUser for the name taken under another path', async () => {
    const { observed, getUser, getPolicy } = await observeNewOrgs(false);
    expect({ getUser, getPolicy }).toEqual({ getUser: 1, getPolicy: 0 });
    expect(observed.users).toEqual([expect.objectContaining({ userName: 'zonesmith-globex', path: '/' })]);
  });

  it('lean answers: the listing cannot prove absence, so each org is read once', async () => {
    const { observed, getUser, getPolicy } = await observeNewOrgs(true);
    expect({ getUser, getPolicy }).toEqual({ getUser: 3, getPolicy: 3 });
    expect(observed.users).toEqual([expect.objectContaining({ userName: 'zonesmith-globex', path: '/' })]);
  });
});
