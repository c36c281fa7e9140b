import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesCommand,
  ListTagsForResourcesCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgPolicyDocument } from '../../../generator/desired/iam-policy.js';
import { startAwsEmulator, type AwsEmulator } from '../../../generator/local/aws/index.js';
import { iamClient, rejection, route53Client, type Credentials } from './sdk-clients.js';

let emulator: AwsEmulator;
beforeAll(async () => {
  emulator = await startAwsEmulator({ rateScale: 0 });
});
afterAll(async () => {
  await emulator.close();
});

async function zone(name: string): Promise<string> {
  const out = await route53Client(emulator).send(
    new CreateHostedZoneCommand({ Name: name, CallerReference: `auth-${name}` }),
  );
  return (out.HostedZone?.Id as string).replace('/hostedzone/', '');
}

/** An IAM user with zonesmith's org policy on `zoneId`, and a fresh access key. */
async function orgUser(name: string, zoneId: string, zoneName: string): Promise<Credentials> {
  const iam = iamClient(emulator);
  await iam.send(new CreateUserCommand({ UserName: name, Path: '/zonesmith/' }));
  const { Policy } = await iam.send(
    new CreatePolicyCommand({
      PolicyName: `${name}-dns`,
      Path: '/zonesmith/',
      PolicyDocument: JSON.stringify(
        orgPolicyDocument(zoneId, { zoneName, recordTypes: ['A', 'AAAA', 'CNAME', 'TXT'] }),
      ),
    }),
  );
  await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: Policy?.Arn }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey?.AccessKeyId as string, secretAccessKey: AccessKey?.SecretAccessKey as string };
}

describe('SigV4', () => {
  it('rejects a bad signature with SignatureDoesNotMatch (403)', async () => {
    const client = route53Client(emulator, {
      accessKeyId: emulator.admin.accessKeyId,
      secretAccessKey: 'wrong-secret-wrong-secret-wrong-secret-00',
    });
    const error = await rejection(client.send(new ListHostedZonesCommand({})));
    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.$metadata?.httpStatusCode).toBe(403);
    expect(error.message).not.toContain('wrong-secret');
  });

  it('rejects an unknown key with InvalidClientTokenId (403), on Route53 and IAM', async () => {
    const stranger = { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x'.repeat(40) };
    const r53 = await rejection(route53Client(emulator, stranger).send(new ListHostedZonesCommand({})));
    expect(r53.name).toBe('InvalidClientTokenId');
    expect(r53.$metadata?.httpStatusCode).toBe(403);
    const iam = await rejection(iamClient(emulator, stranger).send(new ListUsersCommand({})));
    expect(iam.name).toBe('InvalidClientTokenId');
  });

  it('rejects an unsigned request', async () => {
    const response = await fetch(`${emulator.url}/2013-04-01/hostedzone`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is reachable through AWS_ENDPOINT_URL', async () => {
    const saved = {
      url: process.env['AWS_ENDPOINT_URL'],
      id: process.env['AWS_ACCESS_KEY_ID'],
      secret: process.env['AWS_SECRET_ACCESS_KEY'],
    };
    process.env['AWS_ENDPOINT_URL'] = emulator.url;
    process.env['AWS_ACCESS_KEY_ID'] = emulator.admin.accessKeyId;
    process.env['AWS_SECRET_ACCESS_KEY'] = emulator.admin.secretAccessKey;
    try {
      const out = await new Route53Client({ region: 'us-east-1', maxAttempts: 1 }).send(new ListHostedZonesCommand({}));
      expect(out.$metadata.httpStatusCode).toBe(200);
    } finally {
      for (const [k, v] of [
        ['AWS_ENDPOINT_URL', saved.url],
        ['AWS_ACCESS_KEY_ID', saved.id],
        ['AWS_SECRET_ACCESS_KEY', saved.secret],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});

describe('authorization of IAM users', () => {
  it("allows an org user's key on its own zone and denies it on another zone", async () => {
    const own = await zone('own.example.com');
    const other = await zone('other.example.com');
    const key = await orgUser('zs-own', own, 'own.example.com');
    const r53 = route53Client(emulator, key);

    expect((await r53.send(new GetHostedZoneCommand({ Id: own }))).HostedZone?.Name).toBe('own.example.com.');
    const changed = await r53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: own,
        ChangeBatch: {
          Changes: [
            {
              Action: 'UPSERT',
              ResourceRecordSet: {
                Name: 'a.own.example.com',
                Type: 'A',
                TTL: 60,
                ResourceRecords: [{ Value: '192.0.2.1' }],
              },
            },
          ],
        },
      }),
    );
    await r53.send(new GetChangeCommand({ Id: changed.ChangeInfo?.Id }));
    expect((await r53.send(new ListHostedZonesCommand({}))).HostedZones?.length).toBeGreaterThanOrEqual(2);
    await r53.send(new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds: [own] }));

    const denied = await rejection(
      r53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: other,
          ChangeBatch: {
            Changes: [
              {
                Action: 'UPSERT',
                ResourceRecordSet: {
                  Name: 'a.other.example.com',
                  Type: 'A',
                  TTL: 60,
                  ResourceRecords: [{ Value: '192.0.2.1' }],
                },
              },
            ],
          },
        }),
      ),
    );
    expect(denied.name).toBe('AccessDenied');
    expect(denied.$metadata?.httpStatusCode).toBe(403);
    expect(denied.message).toContain(`arn:aws:route53:::hostedzone/${other}`);
    expect((await rejection(r53.send(new GetHostedZoneCommand({ Id: other })))).name).toBe('AccessDenied');
    expect(
      (
        await rejection(
          r53.send(new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds: [own, other] })),
        )
      ).name,
    ).toBe('AccessDenied');
    expect(
      (await rejection(r53.send(new CreateHostedZoneCommand({ Name: 'mine.example.com', CallerReference: 'grab' }))))
        .name,
    ).toBe('AccessDenied');
  });

  it('lets an explicit Deny win over an Allow', async () => {
    const own = await zone('deny.example.com');
    const key = await orgUser('zs-deny', own, 'deny.example.com');
    const deny = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'route53:Get*', Resource: 'arn:aws:route53:::hostedzone/*' }],
    };
    await iamClient(emulator).send(
      new PutUserPolicyCommand({ UserName: 'zs-deny', PolicyName: 'deny-get', PolicyDocument: JSON.stringify(deny) }),
    );
    const error = await rejection(route53Client(emulator, key).send(new GetHostedZoneCommand({ Id: own })));
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toContain('explicit deny');
  });

  it('gives IAM users no IAM permissions unless a policy says so', async () => {
    const own = await zone('noiam.example.com');
    const key = await orgUser('zs-noiam', own, 'noiam.example.com');
    const error = await rejection(iamClient(emulator, key).send(new ListUsersCommand({})));
    expect(error.name).toBe('AccessDenied');
    expect(error.$metadata?.httpStatusCode).toBe(403);
  });

  it('rejects a new key for keyPropagationMs (InvalidClientTokenId)', async () => {
    const slow = await startAwsEmulator({ rateScale: 0, keyPropagationMs: 600_000 });
    try {
      const iam = iamClient(slow);
      await iam.send(new CreateUserCommand({ UserName: 'fresh' }));
      await iam.send(
        new PutUserPolicyCommand({
          UserName: 'fresh',
          PolicyName: 'p',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
          }),
        }),
      );
      const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'fresh' }));
      const key = {
        accessKeyId: AccessKey?.AccessKeyId as string,
        secretAccessKey: AccessKey?.SecretAccessKey as string,
      };
      const error = await rejection(route53Client(slow, key).send(new ListHostedZonesCommand({})));
      expect(error.name).toBe('InvalidClientTokenId');
    } finally {
      await slow.close();
    }
  });
});
