/**
 * The IdentityProvider contract: what every implementation (the in-memory twin, the IAM adapter against the AWS
 * emulator) must do. Each test gets a fresh subject from `makeProvider` and closes it afterwards.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdentityProvider } from '../../generator/ports/identity.js';
import { expectPortError } from './dns.contract.js';

export interface IdentityContractSubject {
  readonly provider: IdentityProvider;
  /** Adds by hand (outside the port): an inline policy, a login profile, an enabled virtual MFA device, an SSH key. */
  addHumanAccess(userName: string): Promise<void>;
  /** Makes `observe` miss these ARNs, as a listing with gaps would. */
  hideFromObserve(arns: readonly string[]): void;
  close(): Promise<void>;
}

const PATH = '/zonesmith/';

function policyDocument(zoneId: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets'],
        Resource: `arn:aws:route53:::hostedzone/${zoneId}`,
      },
      { Effect: 'Allow', Action: ['route53:ListHostedZones'], Resource: '*' },
    ],
  };
}

export function describeIdentityContract(name: string, makeProvider: () => Promise<IdentityContractSubject>): void {
  describe(`IdentityProvider contract: ${name}`, () => {
    let subject: IdentityContractSubject;
    let iam: IdentityProvider;

    beforeEach(async () => {
      subject = await makeProvider();
      iam = subject.provider;
    });
    afterEach(async () => {
      await subject.close();
    });

    it('creates users under a path and observes only that path, with tags and the account id', async () => {
      await iam.createUser(PATH, 'zonesmith-acme', { 'zonesmith:org': 'acme' });
      await iam.createUser('/other/', 'someone-else', {});
      const inventory = await iam.observe(PATH);
      expect(inventory.accountId).toMatch(/^\d{12}$/);
      expect(inventory.users.map((u) => u.userName)).toEqual(['zonesmith-acme']);
      const [user] = inventory.users;
      expect(user).toMatchObject({
        path: PATH,
        tags: { 'zonesmith:org': 'acme' },
        attachedPolicyArns: [],
        accessKeys: [],
      });
      expect(user?.arn).toBe(`arn:aws:iam::${inventory.accountId}:user/zonesmith/zonesmith-acme`);
      expect(Number.isNaN(Date.parse(user?.createdAt ?? ''))).toBe(false);
    });

    it('refuses a duplicate user with already-exists', async () => {
      await iam.createUser(PATH, 'zonesmith-dup', {});
      await expectPortError(iam.createUser(PATH, 'zonesmith-dup', {}), 'already-exists', 'EntityAlreadyExists');
    });

    it('creates a policy, attaches it, and observes the parsed document and the attachment', async () => {
      await iam.createUser(PATH, 'zonesmith-acme', {});
      const document = policyDocument('Z123');
      const arn = await iam.createPolicy(PATH, 'zonesmith-acme-route53', document, { 'zonesmith:org': 'acme' });
      expect(arn).toMatch(/^arn:aws:iam::\d{12}:policy\/zonesmith\/zonesmith-acme-route53$/);
      await iam.attachPolicy('zonesmith-acme', arn);
      const inventory = await iam.observe(PATH);
      expect(inventory.policies).toHaveLength(1);
      expect(inventory.policies[0]).toMatchObject({
        policyName: 'zonesmith-acme-route53',
        arn,
        path: PATH,
        defaultVersionId: 'v1',
        versionIds: ['v1'],
        attachmentCount: 1,
      });
      expect(inventory.policies[0]?.document).toEqual(document);
      expect(inventory.users[0]?.attachedPolicyArns).toEqual([arn]);
    });

    it('updates a policy past the 5-version limit, keeping the newest as default', async () => {
      const arn = await iam.createPolicy(PATH, 'zonesmith-v-route53', policyDocument('Z0'), {});
      for (let i = 1; i <= 6; i += 1) await iam.updatePolicy(arn, policyDocument(`Z${i}`));
      const [policy] = (await iam.observe(PATH)).policies;
      expect(policy?.versionIds.length).toBeLessThanOrEqual(5);
      expect(policy?.versionIds).toContain(policy?.defaultVersionId);
      expect(policy?.defaultVersionId).toBe('v7');
      expect(policy?.document).toEqual(policyDocument('Z6'));
    });

    it('refuses to delete an attached policy; detaches and deletes it with its old versions', async () => {
      await iam.createUser(PATH, 'zonesmith-acme', {});
      const arn = await iam.createPolicy(PATH, 'zonesmith-acme-route53', policyDocument('Z1'), {});
      await iam.updatePolicy(arn, policyDocument('Z2'));
      await iam.attachPolicy('zonesmith-acme', arn);
      await expectPortError(iam.deletePolicy(arn), 'conflict', 'DeleteConflict');
      await iam.detachPolicy('zonesmith-acme', arn);
      await expectPortError(iam.detachPolicy('zonesmith-acme', arn), 'not-found', 'NoSuchEntity');
      await iam.deletePolicy(arn);
      expect((await iam.observe(PATH)).policies).toEqual([]);
      await expectPortError(iam.deletePolicy(arn), 'not-found', 'NoSuchEntity');
    });

    it('creates at most 2 access keys per user; the secret comes only from createAccessKey', async () => {
      await iam.createUser(PATH, 'zonesmith-keys', {});
      const first = await iam.createAccessKey('zonesmith-keys');
      const second = await iam.createAccessKey('zonesmith-keys');
      expect(first.accessKeyId).not.toBe(second.accessKeyId);
      expect(first.secretAccessKey.length).toBeGreaterThanOrEqual(16);
      await expectPortError(iam.createAccessKey('zonesmith-keys'), 'limit-exceeded', 'LimitExceeded');

      const listed = await iam.listAccessKeys('zonesmith-keys');
      expect(listed.map((k) => k.accessKeyId).sort()).toEqual([first.accessKeyId, second.accessKeyId].sort());
      expect(listed.every((k) => k.status === 'Active')).toBe(true);
      expect(JSON.stringify(listed)).not.toContain(first.secretAccessKey);
      const observed = JSON.stringify(await iam.observe(PATH));
      expect(observed).toContain(first.accessKeyId);
      expect(observed).not.toContain(first.secretAccessKey);

      await iam.deleteAccessKey('zonesmith-keys', first.accessKeyId);
      expect((await iam.listAccessKeys('zonesmith-keys')).map((k) => k.accessKeyId)).toEqual([second.accessKeyId]);
      await expectPortError(iam.deleteAccessKey('zonesmith-keys', first.accessKeyId), 'not-found', 'NoSuchEntity');
    });

    it('refuses to delete a user that still has keys or policies; deletes it once they are gone', async () => {
      await iam.createUser(PATH, 'zonesmith-gone', {});
      const arn = await iam.createPolicy(PATH, 'zonesmith-gone-route53', policyDocument('Z1'), {});
      await iam.attachPolicy('zonesmith-gone', arn);
      const key = await iam.createAccessKey('zonesmith-gone');
      await expectPortError(iam.deleteUser('zonesmith-gone'), 'conflict', 'DeleteConflict');
      await iam.deleteAccessKey('zonesmith-gone', key.accessKeyId);
      await expectPortError(iam.deleteUser('zonesmith-gone'), 'conflict', 'DeleteConflict');
      await iam.detachPolicy('zonesmith-gone', arn);
      await iam.deleteUser('zonesmith-gone');
      expect((await iam.observe(PATH)).users).toEqual([]);
      await expectPortError(iam.listAccessKeys('zonesmith-gone'), 'not-found', 'NoSuchEntity');
      await expectPortError(iam.deleteUser('zonesmith-gone'), 'not-found', 'NoSuchEntity');
    });

    it('reads a user and a policy directly, whatever observe lists, and removes all a human added', async () => {
      await iam.createUser(PATH, 'zonesmith-human', {});
      const arn = await iam.createPolicy(PATH, 'zonesmith-human-route53', policyDocument('Z1'), {});
      await iam.updatePolicy(arn, policyDocument('Z2'));
      await iam.attachPolicy('zonesmith-human', arn);
      const key = await iam.createAccessKey('zonesmith-human');
      await subject.addHumanAccess('zonesmith-human');
      const userArn = (await iam.observe(PATH)).users[0]!.arn;
      subject.hideFromObserve([arn, userArn]);
      expect(await iam.observe(PATH)).toMatchObject({ users: [], policies: [] });

      const user = await iam.readUser('zonesmith-human');
      expect(user).toMatchObject({
        userName: 'zonesmith-human',
        path: PATH,
        attachedPolicyArns: [arn],
        inlinePolicyNames: ['human-added'],
      });
      expect(user?.accessKeys.map((k) => k.accessKeyId)).toEqual([key.accessKeyId]);
      expect(user?.credentials.map((c) => c.type).sort()).toEqual(['login-profile', 'mfa-device', 'ssh-public-key']);
      expect(user?.credentials.find((c) => c.type === 'mfa-device')).toMatchObject({ virtual: true });
      const policy = await iam.readPolicy(arn);
      expect(policy).toMatchObject({
        arn,
        defaultVersionId: 'v2',
        nonDefaultVersionIds: ['v1'],
        attachedTo: [{ type: 'user', name: 'zonesmith-human' }],
      });

      await expectPortError(iam.deleteUser('zonesmith-human'), 'conflict', 'DeleteConflict');
      await iam.deleteAccessKey('zonesmith-human', key.accessKeyId);
      await iam.deleteUserPolicy('zonesmith-human', 'human-added');
      await iam.detachPolicyFrom({ type: 'user', name: 'zonesmith-human' }, arn);
      for (const c of user!.credentials) await iam.removeCredential('zonesmith-human', c);
      await expectPortError(
        iam.removeCredential('zonesmith-human', { type: 'login-profile' }),
        'not-found',
        'NoSuchEntity',
      );
      expect(await iam.readUser('zonesmith-human')).toMatchObject({
        attachedPolicyArns: [],
        inlinePolicyNames: [],
        accessKeys: [],
        credentials: [],
      });
      await iam.deleteUser('zonesmith-human');
      await iam.deletePolicy(arn);
      expect(await iam.readUser('zonesmith-human')).toBeNull();
      expect(await iam.readPolicy(arn)).toBeNull();
    });

    it('rejects a policy document that is not a JSON object with invalid-input', async () => {
      await expectPortError(
        iam.createPolicy(PATH, 'zonesmith-bad-route53', 'not a policy', {}),
        'invalid-input',
        'MalformedPolicyDocument',
      );
    });
  });
}
