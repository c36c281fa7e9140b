/**
 * The lean-response mode against the official models: the committed table is what the Smithy models say
 * (rebuilt here from /work/shared/reference/aws), and a lean emulator answers every operation with required
 * members only (walked against the model itself, not the table), keeping just the paginated continuation token.
 * UPDATE_LEAN_TABLE=1 rewrites generator/local/aws/lean-table.ts from the models.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  ListUserTagsCommand,
} from '@aws-sdk/client-iam';
import {
  ChangeResourceRecordSetsCommand,
  ChangeTagsForResourceCommand,
  CreateHostedZoneCommand,
  GetHostedZoneCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  ListTagsForResourcesCommand,
} from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IAM_OPERATIONS } from '../../../generator/local/aws/iam-api.js';
import { startAwsEmulator, type AwsEmulator, type EmulatorResponseRecord } from '../../../generator/local/aws/index.js';
import { buildLeanTable, renderLeanTable } from '../../../generator/local/aws/lean-model.js';
import { LEAN_TABLE } from '../../../generator/local/aws/lean-table.js';
import { ROUTE53_ROUTES } from '../../../generator/local/aws/route53-api.js';
import { XmlList, type XmlElement, type XmlValue } from '../../../generator/local/aws/xml.js';
import { iamClient, route53Client } from './sdk-clients.js';
import { REFERENCE_DIR } from './smithy-model.js';

interface Ref {
  target: string;
  traits?: Record<string, unknown>;
}
interface Shape {
  type: string;
  members?: Record<string, Ref>;
  member?: Ref;
  output?: Ref;
  traits?: Record<string, unknown>;
}
const load = (file: string) =>
  (JSON.parse(readFileSync(join(REFERENCE_DIR, file), 'utf8')) as { shapes: Record<string, Shape> }).shapes;
const route53Shapes = load('route-53-2013-04-01.json');
const iamShapes = load('iam-2010-05-08.json');
const TABLE_FILE = join(import.meta.dirname, '../../../generator/local/aws/lean-table.ts');

function modelTable() {
  return buildLeanTable([
    {
      service: 'route53',
      namespace: 'com.amazonaws.route53',
      shapes: route53Shapes,
      operations: ROUTE53_ROUTES.map((r) => r.operation),
    },
    { service: 'iam', namespace: 'com.amazonaws.iam', shapes: iamShapes, operations: Object.keys(IAM_OPERATIONS) },
  ]);
}

/** Element paths in `value` that the model marks optional (the kept token excepted). */
function optionalMembers(
  shapes: Record<string, Shape>,
  shapeId: string,
  value: XmlValue,
  path: string,
  token?: string,
): string[] {
  const shape = shapes[shapeId];
  if (value === undefined || !shape) return [];
  if (shape.type === 'list' && shape.member && value instanceof XmlList) {
    return value.items.flatMap((item, i) => optionalMembers(shapes, shape.member!.target, item, `${path}[${i}]`));
  }
  if (shape.type !== 'structure' || !shape.members || typeof value !== 'object' || value instanceof XmlList) return [];
  return Object.entries(value).flatMap(([element, child]) => {
    if (child === undefined) return [];
    const member = Object.entries(shape.members!).find(
      ([name, ref]) => ((ref.traits?.['smithy.api#xmlName'] as string | undefined) ?? name) === element,
    );
    if (!member) return [`${path}.${element} (unknown)`];
    const required = member[1].traits?.['smithy.api#required'] !== undefined;
    if (!required && element !== token) return [`${path}.${element}`];
    return optionalMembers(shapes, member[1].target, child, `${path}.${element}`);
  });
}

function optionalInResponse(r: EmulatorResponseRecord): string[] {
  const shapes = r.service === 'route53' ? route53Shapes : iamShapes;
  const ns = r.service === 'route53' ? 'com.amazonaws.route53' : 'com.amazonaws.iam';
  const op = shapes[`${ns}#${r.operation}`];
  const output = op?.output?.target;
  if (!output || output === 'smithy.api#Unit') return [];
  const token = (op?.traits?.['smithy.api#paginated'] as { outputToken?: string } | undefined)?.outputToken;
  const body = r.service === 'route53' ? r.body : (r.body[`${r.operation}Result`] as XmlElement | undefined);
  return optionalMembers(shapes, output, body, r.operation, token);
}

describe('the lean table', () => {
  it('is what the official Smithy models say about every emulated operation', () => {
    const table = modelTable();
    if (process.env.UPDATE_LEAN_TABLE === '1') writeFileSync(TABLE_FILE, renderLeanTable(table));
    expect(
      LEAN_TABLE,
      'regenerate: UPDATE_LEAN_TABLE=1 npx vitest run test/emulators/aws/lean-responses.test.ts',
    ).toEqual(table);
    expect(Object.keys(table.outputs).length).toBeGreaterThan(25);
    expect(table.shapes['com.amazonaws.iam#ManagedPolicyDetail']).toMatchObject({
      structure: { PolicyName: ['com.amazonaws.iam#policyNameType', false] },
    });
    expect(table.tokens['route53:ListHostedZones']).toBe('NextMarker');
  });
});

describe.each([false, true])('an emulator with leanResponses=%s', (lean) => {
  const records: EmulatorResponseRecord[] = [];
  let emulator: AwsEmulator;

  beforeAll(async () => {
    emulator = await startAwsEmulator({ rateScale: 0, leanResponses: lean, onResponse: (r) => records.push(r) });
    const r53 = route53Client(emulator);
    const iam = iamClient(emulator);
    const zone = await r53.send(
      new CreateHostedZoneCommand({
        Name: 'lean.example.com',
        CallerReference: 'l1',
        HostedZoneConfig: { Comment: 'c' },
      }),
    );
    await r53.send(new CreateHostedZoneCommand({ Name: 'lean2.example.com', CallerReference: 'l2' }));
    const id = zone.HostedZone!.Id!;
    await r53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: id,
        ChangeBatch: {
          Changes: [
            {
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: 'a.lean.example.com',
                Type: 'A',
                TTL: 60,
                ResourceRecords: [{ Value: '192.0.2.1' }],
              },
            },
          ],
        },
      }),
    );
    await r53.send(
      new ChangeTagsForResourceCommand({
        ResourceType: 'hostedzone',
        ResourceId: id.replace('/hostedzone/', ''),
        AddTags: [{ Key: 'k', Value: 'v' }],
      }),
    );
    await r53.send(new ListHostedZonesCommand({ MaxItems: 1 }));
    await r53.send(new GetHostedZoneCommand({ Id: id }));
    await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: id }));
    await r53.send(
      new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds: [id.replace('/hostedzone/', '')] }),
    );
    await iam.send(
      new CreateUserCommand({ UserName: 'lu', Path: '/zonesmith/', Tags: [{ Key: 'zonesmith:org', Value: 'lean' }] }),
    );
    await iam.send(new CreateUserCommand({ UserName: 'lv', Path: '/zonesmith/' }));
    const policy = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'lp',
        Path: '/zonesmith/',
        PolicyDocument:
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"route53:GetChange","Resource":"*"}]}',
      }),
    );
    await iam.send(new CreateAccessKeyCommand({ UserName: 'lu' }));
    await iam.send(new ListAccessKeysCommand({ UserName: 'lu' }));
    await iam.send(new GetUserCommand({ UserName: 'lu' }));
    await iam.send(new ListUsersCommand({ PathPrefix: '/zonesmith/', MaxItems: 1 }));
    await iam.send(new ListUserTagsCommand({ UserName: 'lu' }));
    await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'LocalManagedPolicy'], MaxItems: 1 }));
    if (policy.Policy?.Arn) await iam.send(new GetPolicyCommand({ PolicyArn: policy.Policy.Arn }));
  });
  afterAll(async () => {
    await emulator.close();
  });

  it(
    lean ? 'sends no member the model marks optional' : 'sends optional members (the lean mode has something to strip)',
    () => {
      const ok = records.filter((r) => r.errorCode === undefined);
      expect(ok.length).toBeGreaterThan(15);
      const optional = ok.flatMap(optionalInResponse);
      if (lean) expect(optional).toEqual([]);
      else
        expect(optional).toEqual(
          expect.arrayContaining([
            'ListHostedZones.HostedZones[0].Config',
            'GetAccountAuthorizationDetails.UserDetailList',
          ]),
        );
    },
  );

  it('keeps the continuation token of a truncated page', () => {
    const zones = records.find((r) => r.operation === 'ListHostedZones')!;
    expect(zones.body['IsTruncated']).toBe(true);
    expect(zones.body['NextMarker']).toEqual(expect.any(String));
    const users = records.find((r) => r.operation === 'ListUsers')!.body['ListUsersResult'] as XmlElement;
    expect(users['Marker']).toEqual(expect.any(String));
  });
});
