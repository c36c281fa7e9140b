import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  UpdateAccessKeyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsEmulator, type AwsEmulator } from '../../../generator/local/aws/index.js';
import { iamClient, rejection } from './sdk-clients.js';

let emulator: AwsEmulator;
let iam: IAMClient;
beforeAll(async () => {
  emulator = await startAwsEmulator();
  iam = iamClient(emulator);
});
afterAll(async () => {
  await emulator.close();
});

const doc = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

describe('users', () => {
  it('creates, reads, tags and lists users with PathPrefix and Marker paging', async () => {
    const created = await iam.send(
      new CreateUserCommand({ UserName: 'zs-acme', Path: '/zonesmith/', Tags: [{ Key: 'org', Value: 'acme' }] }),
    );
    expect(created.User).toMatchObject({
      UserName: 'zs-acme',
      Path: '/zonesmith/',
      Arn: 'arn:aws:iam::123456789012:user/zonesmith/zs-acme',
    });
    expect(created.User?.UserId).toMatch(/^AIDA[A-Z0-9]{16}$/);
    expect(created.User?.CreateDate).toBeInstanceOf(Date);
    for (const name of ['zs-b', 'zs-c', 'zs-d'])
      await iam.send(new CreateUserCommand({ UserName: name, Path: '/zonesmith/' }));
    await iam.send(new CreateUserCommand({ UserName: 'someone-else' }));

    await iam.send(new TagUserCommand({ UserName: 'zs-acme', Tags: [{ Key: 'owner', Value: 'platform' }] }));
    expect((await iam.send(new ListUserTagsCommand({ UserName: 'zs-acme' }))).Tags).toEqual([
      { Key: 'org', Value: 'acme' },
      { Key: 'owner', Value: 'platform' },
    ]);
    expect((await iam.send(new GetUserCommand({ UserName: 'zs-acme' }))).User?.Tags).toHaveLength(2);

    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(
        new ListUsersCommand({ PathPrefix: '/zonesmith/', MaxItems: 3, ...(marker ? { Marker: marker } : {}) }),
      );
      names.push(...(page.Users ?? []).map((u) => u.UserName as string));
      expect(page.IsTruncated).toBe(page.Marker !== undefined);
      marker = page.Marker;
      pages += 1;
    } while (marker);
    expect(pages).toBe(2);
    expect(names).toEqual(['zs-acme', 'zs-b', 'zs-c', 'zs-d']);
  });

  it('answers EntityAlreadyExists, NoSuchEntity and ValidationError with IAM statuses', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'dup' }));
    const dup = await rejection(iam.send(new CreateUserCommand({ UserName: 'dup' })));
    expect(dup.name).toBe('EntityAlreadyExistsException');
    expect(dup.$metadata?.httpStatusCode).toBe(409);
    const missing = await rejection(iam.send(new GetUserCommand({ UserName: 'nobody' })));
    expect(missing.name).toBe('NoSuchEntityException');
    expect(missing.$metadata?.httpStatusCode).toBe(404);
    const tooLong = await rejection(iam.send(new CreateUserCommand({ UserName: 'x'.repeat(65) })));
    expect(tooLong.name).toBe('ValidationError');
    expect(tooLong.$metadata?.httpStatusCode).toBe(400);
  });

  it('GetUser without a name describes the caller', async () => {
    const me = await iam.send(new GetUserCommand({}));
    expect(me.User?.Arn).toBe('arn:aws:iam::123456789012:root');
  });
});

describe('managed policies', () => {
  it('creates with a path, versions up to 5, deletes versions and the policy under IAM rules', async () => {
    const { Policy } = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'zs-p',
        Path: '/zonesmith/',
        PolicyDocument: doc('route53:GetHostedZone'),
      }),
    );
    const arn = Policy?.Arn as string;
    expect(arn).toBe('arn:aws:iam::123456789012:policy/zonesmith/zs-p');
    expect(Policy?.DefaultVersionId).toBe('v1');

    const v1 = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    expect(v1.PolicyVersion?.Document).toBe(encodeURIComponent(doc('route53:GetHostedZone')));
    expect(JSON.parse(decodeURIComponent(v1.PolicyVersion?.Document as string))).toEqual(
      JSON.parse(doc('route53:GetHostedZone')),
    );

    for (const n of [2, 3, 4, 5]) {
      const v = await iam.send(
        new CreatePolicyVersionCommand({
          PolicyArn: arn,
          PolicyDocument: doc(`route53:Op${n}`),
          SetAsDefault: n === 5,
        }),
      );
      expect(v.PolicyVersion?.VersionId).toBe(`v${n}`);
    }
    const sixth = await rejection(
      iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('route53:Op6') })),
    );
    expect(sixth.name).toBe('LimitExceededException');
    expect(sixth.$metadata?.httpStatusCode).toBe(409);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId).toBe('v5');

    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    expect(versions.Versions?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v1', false],
      ['v2', false],
      ['v3', false],
      ['v4', false],
      ['v5', true],
    ]);
    const deleteDefault = await rejection(
      iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' })),
    );
    expect(deleteDefault.name).toBe('DeleteConflictException');

    const withVersions = await rejection(iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
    expect(withVersions.name).toBe('DeleteConflictException');
    for (const v of ['v1', 'v2', 'v3', 'v4'])
      await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));

    await iam.send(new CreateUserCommand({ UserName: 'attached-user' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'attached-user', PolicyArn: arn }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount).toBe(1);
    const attached = await rejection(iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
    expect(attached.name).toBe('DeleteConflictException');
    await iam.send(new DetachUserPolicyCommand({ UserName: 'attached-user', PolicyArn: arn }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    expect((await rejection(iam.send(new GetPolicyCommand({ PolicyArn: arn })))).name).toBe('NoSuchEntityException');
  });

  it('rejects malformed documents with MalformedPolicyDocument', async () => {
    const error = await rejection(
      iam.send(new CreatePolicyCommand({ PolicyName: 'bad', PolicyDocument: '{"Statement":[{"Effect":"Maybe"}]}' })),
    );
    expect(error.name).toBe('MalformedPolicyDocumentException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('ListPolicies filters by Scope=Local and PathPrefix; ListAttachedUserPolicies lists attachments', async () => {
    await iam.send(
      new CreatePolicyCommand({ PolicyName: 'in-path', Path: '/scoped/', PolicyDocument: doc('route53:*') }),
    );
    await iam.send(new CreatePolicyCommand({ PolicyName: 'out-of-path', PolicyDocument: doc('route53:*') }));
    const local = await iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: '/scoped/' }));
    expect(local.Policies?.map((p) => p.PolicyName)).toEqual(['in-path']);
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'AWS' }))).Policies).toEqual([]);

    await iam.send(new CreateUserCommand({ UserName: 'lister' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'lister', PolicyArn: local.Policies?.[0]?.Arn }));
    const listed = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'lister' }));
    expect(listed.AttachedPolicies).toEqual([
      { PolicyName: 'in-path', PolicyArn: 'arn:aws:iam::123456789012:policy/scoped/in-path' },
    ]);
  });
});

describe('inline policies, access keys and DeleteUser', () => {
  it('follows IAM rules from creation to deletion', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'keyed', Path: '/zonesmith/' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'keyed',
        PolicyName: 'inline',
        PolicyDocument: doc('route53:ListHostedZones'),
      }),
    );
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: 'keyed' }))).PolicyNames).toEqual(['inline']);
    const inline = await iam.send(new GetUserPolicyCommand({ UserName: 'keyed', PolicyName: 'inline' }));
    expect(decodeURIComponent(inline.PolicyDocument as string)).toBe(doc('route53:ListHostedZones'));

    const first = await iam.send(new CreateAccessKeyCommand({ UserName: 'keyed' }));
    expect(first.AccessKey?.AccessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(first.AccessKey?.SecretAccessKey).toHaveLength(40);
    await iam.send(new CreateAccessKeyCommand({ UserName: 'keyed' }));
    const third = await rejection(iam.send(new CreateAccessKeyCommand({ UserName: 'keyed' })));
    expect(third.name).toBe('LimitExceededException');

    const listed = await iam.send(new ListAccessKeysCommand({ UserName: 'keyed' }));
    expect(listed.AccessKeyMetadata).toHaveLength(2);
    expect(JSON.stringify(listed)).not.toContain(first.AccessKey?.SecretAccessKey as string);

    await iam.send(
      new UpdateAccessKeyCommand({
        UserName: 'keyed',
        AccessKeyId: first.AccessKey?.AccessKeyId,
        Status: 'Inactive',
      }),
    );
    const after = await iam.send(new ListAccessKeysCommand({ UserName: 'keyed' }));
    expect(after.AccessKeyMetadata?.find((k) => k.AccessKeyId === first.AccessKey?.AccessKeyId)?.Status).toBe(
      'Inactive',
    );
    const lastUsed = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: first.AccessKey?.AccessKeyId }));
    expect(lastUsed).toMatchObject({ UserName: 'keyed', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });

    expect((await rejection(iam.send(new DeleteUserCommand({ UserName: 'keyed' })))).name).toBe(
      'DeleteConflictException',
    );
    for (const key of after.AccessKeyMetadata ?? []) {
      await iam.send(new DeleteAccessKeyCommand({ UserName: 'keyed', AccessKeyId: key.AccessKeyId }));
    }
    const stillInline = await rejection(iam.send(new DeleteUserCommand({ UserName: 'keyed' })));
    expect(stillInline.name).toBe('DeleteConflictException');
    expect(stillInline.message).toBe('Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'keyed', PolicyName: 'inline' }));
    await iam.send(new DeleteUserCommand({ UserName: 'keyed' }));
    expect((await rejection(iam.send(new DeleteUserCommand({ UserName: 'keyed' })))).name).toBe(
      'NoSuchEntityException',
    );
  });
});

describe('GetAccountAuthorizationDetails', () => {
  it('returns users and local managed policies by filter, paginated, documents URL-encoded', async () => {
    const emu = await startAwsEmulator();
    try {
      const client = iamClient(emu);
      const { Policy } = await client.send(
        new CreatePolicyCommand({ PolicyName: 'gaad', PolicyDocument: doc('route53:GetChange') }),
      );
      for (const name of ['u1', 'u2', 'u3']) {
        await client.send(new CreateUserCommand({ UserName: name }));
        await client.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: Policy?.Arn }));
      }
      const users: string[] = [];
      const policies: string[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(
          new GetAccountAuthorizationDetailsCommand({
            Filter: ['User', 'LocalManagedPolicy'],
            MaxItems: 2,
            ...(marker ? { Marker: marker } : {}),
          }),
        );
        users.push(...(page.UserDetailList ?? []).map((u) => u.UserName as string));
        for (const p of page.Policies ?? []) {
          policies.push(p.PolicyName as string);
          expect(decodeURIComponent(p.PolicyVersionList?.[0]?.Document as string)).toBe(doc('route53:GetChange'));
        }
        expect(page.UserDetailList?.every((u) => u.AttachedManagedPolicies?.[0]?.PolicyArn === Policy?.Arn)).toBe(true);
        marker = page.IsTruncated ? page.Marker : undefined;
      } while (marker);
      expect(users).toEqual(['u1', 'u2', 'u3']);
      expect(policies).toEqual(['gaad']);
      const onlyPolicies = await client.send(
        new GetAccountAuthorizationDetailsCommand({ Filter: ['LocalManagedPolicy'] }),
      );
      expect(onlyPolicies.UserDetailList).toEqual([]);
      expect(onlyPolicies.Policies).toHaveLength(1);
    } finally {
      await emu.close();
    }
  });
});
