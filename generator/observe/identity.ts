/**
 * The IAM part of observe(): one account-wide listing (the adapter completes it when answers are lean), then one
 * read per used org whose user or policy the listing did not show — the "read of that one resource" that turns a
 * would-be create into adoption (ours) or a conflict (same name, not ours). On a healthy no-op run no org is
 * missing, so no per-org call is made; nor for a new org when the listing was complete (its names then prove the
 * user and policy absent) — only lean listings, which cannot prove absence, cost the reads. Access keys are resolved later
 * (access-keys.ts).
 *
 * Ownership: a user is ours only under zonesmith's path AND with the `zonesmith:org` tag; a policy only under
 * zonesmith's path with the name `zonesmith-<org>-route53` (IAM returns no policy tags in its listing).
 */
import type { DesiredState } from '../model/desired.js';
import type { ObservedPolicy, ObservedUser } from '../model/observed.js';
import type { IdentityProvider, ObservedIamPolicy, ObservedIamUser } from '../ports/identity.js';
import { canonicalPolicy } from '../desired/iam-policy.js';
import { ORG_TAG, keyFingerprint } from '../plan/ownership.js';
import { iamPolicyName } from '../desired/names.js';
import { IAM_PATH } from '../model/desired.js';

const POLICY_NAME = /^zonesmith-([a-z0-9-]+)-route53$/;

export async function observeIdentity(
  desired: DesiredState,
  identity: IdentityProvider,
  otherOrgs: Promise<readonly string[]>,
): Promise<{ accountId: string; users: ObservedIamUser[]; policies: ObservedPolicy[] }> {
  // Keys are not listed here: access-keys.ts decides per user, once Vault tells which key each org should have.
  const iam = await identity.observe(IAM_PATH, { accessKeys: false });
  const users = iam.users.filter((u) => u.path === IAM_PATH);
  const policies = iam.policies.filter((p) => p.path === IAM_PATH);
  // A name a complete account-wide listing did not show is absent: no read. Else (not ours, or a lean listing) read.
  const userAbsent = (name: string) => iam.accountNames?.users?.has(name.toLowerCase()) === false;
  const policyAbsent = (path: string, name: string) => iam.accountNames?.policies?.has(`${path}${name}`) === false;
  // Looked up by name (Sets, not list scans): at 10,000 orgs a scan per org is 10^8 comparisons.
  const userNames = new Set(users.map((u) => u.userName));
  const policyNames = new Set(policies.map((p) => p.policyName));
  const readPolicy = async (path: string, name: string) => {
    if (policyNames.has(name) || policyAbsent(path, name)) return;
    const found = await identity.getPolicy(path, name);
    if (found) {
      policies.push(found);
      policyNames.add(found.policyName);
    }
  };
  // Orgs zonesmith knows from elsewhere (Vault) may be torn down: their policy is read too when not listed.
  const used = new Set(desired.orgs.filter((o) => o.clusters.length > 0).map((o) => o.name));
  for (const org of (await otherOrgs).filter((o) => !used.has(o))) await readPolicy(IAM_PATH, iamPolicyName(org));
  for (const org of desired.orgs.filter((o) => o.clusters.length > 0)) {
    if (!userNames.has(org.iam.userName) && !userAbsent(org.iam.userName)) {
      const found = await identity.getUser(org.iam.userName);
      if (found) users.push(found);
    }
    await readPolicy(org.iam.path, org.iam.policyName);
  }
  return {
    accountId: iam.accountId,
    users: [...users].sort((a, b) => a.userName.localeCompare(b.userName)),
    policies: policies.map(toObservedPolicy).sort((a, b) => a.policyName.localeCompare(b.policyName)),
  };
}

export function toObservedUser(u: ObservedIamUser): ObservedUser {
  const org = u.path === IAM_PATH ? u.tags[ORG_TAG] : undefined;
  return {
    userName: u.userName,
    arn: u.arn,
    ...(u.path !== IAM_PATH ? { path: u.path } : {}),
    ...(org ? { org } : {}),
    attachedPolicyArns: [...u.attachedPolicyArns].sort(),
    accessKeys: u.accessKeys
      .map((k) => ({ fingerprint: keyFingerprint(k.accessKeyId), status: k.status, createdAt: k.createdAt }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    ...(u.unidentifiedKeys ? { unidentifiedKeys: u.unidentifiedKeys } : {}),
    ...(u.attachmentsKnown === false ? { attachmentsKnown: false } : {}),
  };
}

function toObservedPolicy(p: ObservedIamPolicy): ObservedPolicy {
  const org = p.path === IAM_PATH ? POLICY_NAME.exec(p.policyName)?.[1] : undefined;
  return {
    policyName: p.policyName,
    arn: p.arn,
    ...(org ? { org } : {}),
    document: p.document === null || p.document === undefined ? null : canonicalPolicy(p.document),
    attachmentCount: p.attachmentCount,
  };
}
