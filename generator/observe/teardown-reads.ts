/**
 * Reads of orgs due for teardown, by the names zonesmith derives for them — never only what the account listing
 * showed: the IAM user by name (policies, keys, what a person added) and the managed policy by its ARN (versions,
 * every entity it is attached to). Only orgs a draft plan tears down are read, so a no-op run makes no such call.
 */
import type { ObservedState, OrgTeardownReads } from '../model/observed.js';
import type { IdentityProvider } from '../ports/identity.js';
import { iamPolicyName, iamUserName } from '../desired/names.js';
import { ORG_TAG, keyFingerprint } from '../plan/ownership.js';
import { IAM_PATH } from '../model/desired.js';

export async function readForTeardown(
  observed: ObservedState,
  orgs: readonly string[],
  identity: IdentityProvider,
): Promise<Record<string, OrgTeardownReads>> {
  const reads: Record<string, OrgTeardownReads> = {};
  for (const org of [...orgs].sort()) reads[org] = await readOrg(observed, org, identity);
  return reads;
}

async function readOrg(observed: ObservedState, org: string, identity: IdentityProvider): Promise<OrgTeardownReads> {
  const userName = observed.users.find((u) => u.org === org)?.userName ?? iamUserName(org);
  const read = await identity.readUser(userName);
  // Never touch what zonesmith does not own: a same-named user without the ownership mark is not the org's.
  const user = read && read.path === IAM_PATH && read.tags[ORG_TAG] === org ? read : null;
  const policyName = iamPolicyName(org);
  const arns = new Set([
    ...observed.policies.filter((p) => p.org === org).map((p) => p.arn),
    ...derivedPolicyArn(observed, policyName),
    ...(user?.attachedPolicyArns ?? []).filter((arn) => arn.endsWith(`:policy${IAM_PATH}${policyName}`)),
  ]);
  let policy: OrgTeardownReads['policy'] = null;
  for (const arn of [...arns].sort()) {
    const found = await identity.readPolicy(arn);
    if (found) {
      policy = {
        policyName,
        arn,
        nonDefaultVersionIds: [...found.nonDefaultVersionIds].sort(),
        attachedTo: [...found.attachedTo].sort((a, b) => `${a.type}/${a.name}`.localeCompare(`${b.type}/${b.name}`)),
      };
      break;
    }
  }
  return {
    user: user && {
      userName: user.userName,
      attachedPolicyArns: [...user.attachedPolicyArns].sort(),
      inlinePolicyNames: [...user.inlinePolicyNames].sort(),
      keyFingerprints: user.accessKeys.map((k) => keyFingerprint(k.accessKeyId)).sort(),
      credentials: user.credentials,
    },
    policy,
  };
}

/** `arn:<partition>:iam::<account>:policy/zonesmith/<name>`, the partition taken from any observed ARN. */
function derivedPolicyArn(observed: ObservedState, policyName: string): string[] {
  if (!observed.accountId) return [];
  const sample = observed.users[0]?.arn ?? observed.policies[0]?.arn ?? '';
  const partition = sample.split(':')[1] || 'aws';
  return [`arn:${partition}:iam::${observed.accountId}:policy${IAM_PATH}${policyName}`];
}
