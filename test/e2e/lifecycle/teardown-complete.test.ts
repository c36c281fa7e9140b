/**
 * Teardown is complete: it removes what exists, not only what a listing showed. The org's managed policy is
 * hidden from GetAccountAuthorizationDetails (the emulator's listing-gap switch, as an IAM implementation whose
 * listing misses it), and a person has added an inline policy, a console password, an enabled virtual MFA device
 * and an SSH key to the org's user. Without deletion.removeHumanCredentials the teardown is refused and keeps
 * everything (delegation included); with it, nothing carrying the org's name, zone id or IAM path remains but the
 * zone backup.
 */
import {
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { ListHostedZonesCommand } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHumanAccess } from '../../support/human-iam.js';
import { lifecycleConfig, startLifecycleHarness, type LifecycleHarness } from './lifecycle-harness.js';
import {
  adminIam,
  adminRoute53,
  delegations,
  vaultLeaves,
  vaultPolicyNames,
  vaultRead,
  vaultRoles,
} from './inspect.js';

const T0 = '2026-05-06T08:00:00.000Z';
const ORG = 'gone';
const ZONE = 'gone.platform.example.com';

describe('lifecycle: a teardown leaves nothing behind, even what a listing missed or a person added', () => {
  let h: LifecycleHarness;
  let zoneId = '';
  let policyArn = '';

  beforeAll(async () => {
    h = await startLifecycleHarness(lifecycleConfig([{ name: ORG }]), T0);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sets the org up; then the listing loses its policy and a person adds credentials to its user', async () => {
    const apply = await h.apply();
    expect(apply.code, apply.stderr).toBe(0);
    zoneId = (await vaultRead(h.stack, `zonesmith/orgs/${ORG}/route53`))!.zoneId!;
    const iam = adminIam(h.stack);
    const policies =
      (await iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: '/zonesmith/' }))).Policies ?? [];
    policyArn = policies.find((p) => p.PolicyName === `zonesmith-${ORG}-route53`)!.Arn!;
    h.stack.aws.setListingGaps([policyArn]);
    await addHumanAccess(iam, `zonesmith-${ORG}`);
    iam.destroy();
  });

  it("refuses the teardown while the person's credentials are not allowed to go: nothing is deleted", async () => {
    h.clock.set('2026-05-06T09:00:00.000Z'); // inside the free 12-hour window
    await h.writeConfig(lifecycleConfig([{ name: ORG, clusters: [] }]));
    const { plan } = await h.planJson({ allowMassDeletion: true }); // the only managed org leaves: the mass-deletion guard wants the flag;
    expect(plan.teardowns).toEqual([]);
    const blocked = plan.notices.find((n) => n.org === ORG && n.type === 'blocked');
    expect(blocked?.message).toMatch(
      /console password.*virtual MFA device arn:aws:iam::\d+:mfa\/zonesmith-gone-phone.*SSH public key APKA/,
    );
    expect(blocked?.message).toContain('defaults.deletion.removeHumanCredentials: true');

    const apply = await h.apply({ allowMassDeletion: true });
    expect(apply.code, apply.stderr).toBe(3); // a refused teardown needs a person: exit 3
    expect(await delegations(h.stack)).toContain(ZONE);
    expect(await orgZoneIds(h)).toEqual([zoneId]);
    expect((await iamLeftovers(h)).users).toEqual([`zonesmith-${ORG}`]);
  });

  it('with deletion.removeHumanCredentials, removes the hidden policy, every credential, the zone and all Vault paths', async () => {
    h.clock.set('2026-05-06T10:00:00.000Z');
    await h.writeConfig(lifecycleConfig([{ name: ORG, clusters: [] }], { removeHumanCredentials: true }));
    const { plan } = await h.planJson({ allowMassDeletion: true });
    expect(plan.teardowns).toEqual([ORG]);
    const policyDelete = plan.changes.find((c) => c.kind === 'iam.policy.delete');
    expect(policyDelete).toMatchObject({ policyArn, detachFrom: [{ type: 'user', name: `zonesmith-${ORG}` }] });
    const userDelete = plan.changes.find((c) => c.kind === 'iam.user.delete');
    expect(userDelete?.kind === 'iam.user.delete' && userDelete.credentials?.map((c) => c.type).sort()).toEqual([
      'login-profile',
      'mfa-device',
      'ssh-public-key',
    ]);
    expect(userDelete).toMatchObject({ inlinePolicyNames: ['human-added'], policyArns: [policyArn] });

    const apply = await h.apply({ allowMassDeletion: true });
    expect(apply.code, apply.stderr).toBe(0);

    expect(await orgZoneIds(h)).toEqual([]);
    expect(await delegations(h.stack)).not.toContain(ZONE);
    expect(await iamLeftovers(h)).toEqual({ users: [], policies: [], mfaDevices: [] });
    const iam = adminIam(h.stack);
    await expect(iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: policyArn }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    iam.destroy();

    // Vault: only the backup mentions the org or its zone.
    const leaves = await vaultLeaves(h.stack, 'zonesmith');
    expect(leaves.filter((p) => p.includes(ORG))).toEqual([`zonesmith/backups/${ORG}/${ZONE}`]);
    for (const leaf of leaves.filter((p) => !p.startsWith('zonesmith/backups/'))) {
      expect(JSON.stringify(await vaultRead(h.stack, leaf)), leaf).not.toMatch(
        new RegExp(`${ORG}|${zoneId.replace('/hostedzone/', '')}`),
      );
    }
    expect((await vaultPolicyNames(h.stack)).filter((p) => p.includes(ORG))).toEqual([]);
    expect(await vaultRoles(h.stack, `kubernetes-${ORG}-main`)).toEqual([]);
    const backup = await vaultRead(h.stack, `zonesmith/backups/${ORG}/${ZONE}`);
    expect(backup).toMatchObject({ zoneId, zoneName: ZONE });

    const next = await h.plan();
    expect(next.code, next.stdout).toBe(0);
  });
});

async function orgZoneIds(h: LifecycleHarness): Promise<string[]> {
  const r53 = adminRoute53(h.stack);
  try {
    const zones = (await r53.send(new ListHostedZonesCommand({}))).HostedZones ?? [];
    return zones.filter((z) => z.Name === `${ZONE}.`).map((z) => (z.Id ?? '').replace('/hostedzone/', ''));
  } finally {
    r53.destroy();
  }
}

/** IAM entities naming the org, read with calls the listing-gap switch does not affect. */
async function iamLeftovers(
  h: LifecycleHarness,
): Promise<{ users: string[]; policies: string[]; mfaDevices: string[] }> {
  const iam = adminIam(h.stack);
  try {
    const users = ((await iam.send(new ListUsersCommand({}))).Users ?? [])
      .map((u) => u.UserName ?? '')
      .filter((n) => n.includes(ORG));
    const policies = ((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies ?? [])
      .map((p) => p.PolicyName ?? '')
      .filter((n) => n.includes(ORG));
    const mfaDevices = ((await iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices ?? [])
      .map((d) => d.SerialNumber ?? '')
      .filter((n) => n.includes(ORG));
    return { users, policies, mfaDevices };
  } finally {
    iam.destroy();
  }
}
