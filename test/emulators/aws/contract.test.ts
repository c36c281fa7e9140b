/**
 * Contract of the emulator with the Smithy models of Route53 and IAM: every implemented operation exists with the
 * same HTTP binding, every declared error is in the operation's `errors`, and every response the emulator sent
 * during a scenario covering all operations has element names that are members of the output shape.
 */
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
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
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
  CreateLoginProfileCommand,
  GetLoginProfileCommand,
  DeleteLoginProfileCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  ListMFADevicesCommand,
  DeactivateMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  UploadSigningCertificateCommand,
  ListSigningCertificatesCommand,
  DeleteSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
  ListSSHPublicKeysCommand,
  DeleteSSHPublicKeyCommand,
  CreateServiceSpecificCredentialCommand,
  ListServiceSpecificCredentialsCommand,
  DeleteServiceSpecificCredentialCommand,
  ListEntitiesForPolicyCommand,
  ListVirtualMFADevicesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import {
  ChangeResourceRecordSetsCommand,
  ChangeTagsForResourceCommand,
  CreateHostedZoneCommand,
  DeleteHostedZoneCommand,
  GetChangeCommand,
  GetAccountLimitCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  ListTagsForResourceCommand,
  ListTagsForResourcesCommand,
  UpdateHostedZoneCommentCommand,
} from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCommonErrorCode } from '../../../generator/local/aws/errors.js';
import { IAM_OPERATIONS } from '../../../generator/local/aws/iam-api.js';
import { startAwsEmulator, type AwsEmulator, type EmulatorResponseRecord } from '../../../generator/local/aws/index.js';
import { ROUTE53_ROUTES } from '../../../generator/local/aws/route53-api.js';
import { iamClient, rejection, route53Client } from './sdk-clients.js';
import { xmlList } from '../../../generator/local/aws/xml.js';
import {
  checkAgainstShape,
  errorCodes,
  httpBinding,
  loadModel,
  operation,
  outputShapeId,
  type SmithyModel,
} from './smithy-model.js';

const route53Model = loadModel('route-53-2013-04-01.json', 'com.amazonaws.route53');
const iamModel = loadModel('iam-2010-05-08.json', 'com.amazonaws.iam');

describe('declared operations match the models', () => {
  it.each(ROUTE53_ROUTES.map((r) => [r.operation, r] as const))(
    'Route53 %s: exists, same HTTP binding, errors in the model',
    (name, route) => {
      expect(operation(route53Model, name)).toBeDefined();
      expect(httpBinding(route53Model, name)).toEqual({ method: route.method, uri: route.uri });
      const modelErrors = errorCodes(route53Model, name);
      expect(route.errors.filter((code) => !modelErrors.includes(code))).toEqual([]);
    },
  );

  it.each(Object.entries(IAM_OPERATIONS))('IAM %s: exists, errors in the model', (name, op) => {
    expect(operation(iamModel, name)).toBeDefined();
    const modelErrors = errorCodes(iamModel, name);
    expect(op.errors.filter((code) => !modelErrors.includes(code))).toEqual([]);
  });
});

describe('the shape walker', () => {
  it('rejects an unknown element, a wrong list member name and a structure where a scalar belongs', () => {
    const problems = checkAgainstShape(
      route53Model,
      'com.amazonaws.route53#ListHostedZonesResponse',
      { HostedZones: xmlList('Zone', []), Bogus: 'x', MaxItems: { Nested: '1' } },
      'ListHostedZones',
    );
    expect(problems).toEqual([
      'ListHostedZones.HostedZones: list members are <HostedZone>, not <Zone>',
      'ListHostedZones.Bogus: not a member of com.amazonaws.route53#ListHostedZonesResponse',
      'ListHostedZones.MaxItems: expected a scalar (smithy.api#Integer)',
    ]);
  });
});

describe('responses sent during a scenario match the output shapes', () => {
  const records: EmulatorResponseRecord[] = [];
  let emulator: AwsEmulator;

  beforeAll(async () => {
    emulator = await startAwsEmulator({ rateScale: 0, onResponse: (r) => records.push(r) });
    await runScenario(emulator);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('covered every implemented operation with a success', () => {
    const succeeded = new Set(records.filter((r) => r.errorCode === undefined).map((r) => r.operation));
    const implemented = [...ROUTE53_ROUTES.map((r) => r.operation), ...Object.keys(IAM_OPERATIONS)];
    expect(implemented.filter((op) => !succeeded.has(op))).toEqual([]);
  });

  it('emitted only element names of the output shapes', () => {
    const problems = records.filter((r) => r.errorCode === undefined).flatMap((r) => checkSuccess(r));
    expect(problems).toEqual([]);
  });

  it('emitted only error codes the operation declares in the model (or AWS common errors)', () => {
    const errors = records.filter((r) => r.errorCode !== undefined);
    expect(errors.length).toBeGreaterThan(10);
    const undeclared = errors
      .filter((r) => !isCommonErrorCode(r.errorCode as string))
      .filter(
        (r) =>
          !errorCodes(r.service === 'route53' ? route53Model : iamModel, r.operation).includes(r.errorCode as string),
      )
      .map((r) => `${r.operation}: ${r.errorCode}`);
    expect(undeclared).toEqual([]);
    expect(errors.every((r) => r.root === 'ErrorResponse')).toBe(true);
  });
});

function checkSuccess(record: EmulatorResponseRecord): string[] {
  const model: SmithyModel = record.service === 'route53' ? route53Model : iamModel;
  const output = outputShapeId(model, record.operation);
  if (record.root !== `${record.operation}Response`) return [`${record.operation}: root <${record.root}>`];
  if (record.service === 'route53') {
    return output ? checkAgainstShape(model, output, record.body, record.operation) : [];
  }
  const { [`${record.operation}Result`]: result, ResponseMetadata, ...rest } = record.body;
  const problems = Object.keys(rest).map((k) => `${record.operation}: unexpected <${k}>`);
  if (ResponseMetadata === undefined) problems.push(`${record.operation}: no ResponseMetadata`);
  if (output && result === undefined) problems.push(`${record.operation}: no <${record.operation}Result>`);
  if (!output && result !== undefined) problems.push(`${record.operation}: a Result for an operation without output`);
  return output ? [...problems, ...checkAgainstShape(model, output, result, `${record.operation}Result`)] : problems;
}

/** Calls every operation at least once successfully, and provokes the documented errors. */
async function runScenario(emulator: AwsEmulator): Promise<void> {
  const r53 = route53Client(emulator);
  const iam = iamClient(emulator);
  const created = await r53.send(
    new CreateHostedZoneCommand({
      Name: 'contract.example.com',
      CallerReference: 'c1',
      HostedZoneConfig: { Comment: 'c' },
    }),
  );
  const zone = created.HostedZone?.Id as string;
  await rejection(r53.send(new CreateHostedZoneCommand({ Name: 'contract.example.com', CallerReference: 'c1' })));
  await rejection(r53.send(new CreateHostedZoneCommand({ Name: 'bad name', CallerReference: 'c2' })));
  await r53.send(new GetHostedZoneCommand({ Id: zone }));
  await rejection(r53.send(new GetHostedZoneCommand({ Id: 'ZMISSING' })));
  await r53.send(new GetAccountLimitCommand({ Type: 'MAX_HOSTED_ZONES_BY_OWNER' }));
  await rejection(r53.send(new GetAccountLimitCommand({ Type: 'NO_SUCH_LIMIT' as never })));
  await r53.send(new ListHostedZonesCommand({ MaxItems: 1 }));
  await r53.send(new ListHostedZonesByNameCommand({ DNSName: 'contract.example.com' }));
  await r53.send(new UpdateHostedZoneCommentCommand({ Id: zone, Comment: 'd' }));
  const changed = await r53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zone,
      ChangeBatch: {
        Comment: 'scenario',
        Changes: [
          {
            Action: 'CREATE',
            ResourceRecordSet: {
              Name: 'a.contract.example.com',
              Type: 'A',
              TTL: 60,
              ResourceRecords: [{ Value: '192.0.2.1' }],
            },
          },
          {
            Action: 'CREATE',
            ResourceRecordSet: {
              Name: 'w.contract.example.com',
              Type: 'A',
              TTL: 60,
              SetIdentifier: 'x',
              Weight: 1,
              ResourceRecords: [{ Value: '192.0.2.2' }],
            },
          },
          {
            Action: 'CREATE',
            ResourceRecordSet: {
              Name: 'al.contract.example.com',
              Type: 'A',
              AliasTarget: { HostedZoneId: 'Z2', DNSName: 'a.contract.example.com', EvaluateTargetHealth: false },
            },
          },
        ],
      },
    }),
  );
  await rejection(
    r53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zone,
        ChangeBatch: {
          Changes: [
            {
              Action: 'DELETE',
              ResourceRecordSet: {
                Name: 'zz.contract.example.com',
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
  await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone, MaxItems: 2 }));
  await rejection(r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone, StartRecordType: 'A' })));
  await r53.send(new GetChangeCommand({ Id: changed.ChangeInfo?.Id }));
  await rejection(r53.send(new GetChangeCommand({ Id: 'CMISSING' })));
  await r53.send(
    new ChangeTagsForResourceCommand({
      ResourceType: 'hostedzone',
      ResourceId: zone,
      AddTags: [{ Key: 'k', Value: 'v' }],
    }),
  );
  await r53.send(new ListTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: zone }));
  await r53.send(
    new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds: [zone.replace('/hostedzone/', '')] }),
  );
  await rejection(
    r53.send(
      new ListTagsForResourcesCommand({
        ResourceType: 'hostedzone',
        ResourceIds: Array.from({ length: 11 }, () => 'Z1'),
      }),
    ),
  );
  await rejection(r53.send(new DeleteHostedZoneCommand({ Id: zone })));
  const empty = await r53.send(new CreateHostedZoneCommand({ Name: 'empty.example.com', CallerReference: 'c3' }));
  await r53.send(new DeleteHostedZoneCommand({ Id: empty.HostedZone?.Id }));

  const document = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'route53:GetChange', Resource: '*' }],
  });
  await iam.send(new CreateUserCommand({ UserName: 'cu', Path: '/zonesmith/', Tags: [{ Key: 'a', Value: 'b' }] }));
  await rejection(iam.send(new CreateUserCommand({ UserName: 'cu' })));
  await iam.send(new GetUserCommand({ UserName: 'cu' }));
  await iam.send(new GetUserCommand({}));
  await rejection(iam.send(new GetUserCommand({ UserName: 'missing' })));
  await iam.send(new ListUsersCommand({ PathPrefix: '/zonesmith/' }));
  await iam.send(new TagUserCommand({ UserName: 'cu', Tags: [{ Key: 'c', Value: 'd' }] }));
  await iam.send(new ListUserTagsCommand({ UserName: 'cu' }));
  const { Policy } = await iam.send(
    new CreatePolicyCommand({ PolicyName: 'cp', Path: '/zonesmith/', PolicyDocument: document, Description: 'd' }),
  );
  const arn = Policy?.Arn as string;
  await rejection(iam.send(new CreatePolicyCommand({ PolicyName: 'bad', PolicyDocument: '{' })));
  await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
  await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: document, SetAsDefault: true }));
  await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
  await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
  await rejection(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' })));
  await rejection(iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
  await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
  await iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'cu', PolicyArn: arn }));
  await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'cu' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'cu', PolicyName: 'inline', PolicyDocument: document }));
  await iam.send(new ListUserPoliciesCommand({ UserName: 'cu' }));
  await iam.send(new GetUserPolicyCommand({ UserName: 'cu', PolicyName: 'inline' }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'cu' }));
  const keyId = AccessKey?.AccessKeyId as string;
  await iam.send(new CreateAccessKeyCommand({ UserName: 'cu' }));
  await rejection(iam.send(new CreateAccessKeyCommand({ UserName: 'cu' })));
  await iam.send(new ListAccessKeysCommand({ UserName: 'cu' }));
  await iam.send(new UpdateAccessKeyCommand({ UserName: 'cu', AccessKeyId: keyId, Status: 'Inactive' }));
  await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keyId }));
  await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'LocalManagedPolicy'] }));
  await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
  await humanCredentialsScenario(iam, 'cu');
  await rejection(iam.send(new DeleteUserCommand({ UserName: 'cu' })));
  for (const k of (await iam.send(new ListAccessKeysCommand({ UserName: 'cu' }))).AccessKeyMetadata ?? []) {
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'cu', AccessKeyId: k.AccessKeyId }));
  }
  await iam.send(new DeleteUserPolicyCommand({ UserName: 'cu', PolicyName: 'inline' }));
  await iam.send(new DetachUserPolicyCommand({ UserName: 'cu', PolicyArn: arn }));
  await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
  await iam.send(new DeleteUserCommand({ UserName: 'cu' }));
}

export const TEST_CERTIFICATE =
  '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUEmulatorOnlyNotARealCertificate\n-----END CERTIFICATE-----\n';
export const TEST_SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEmulatorOnlyNotARealKeyAAAAAAAAAAAAAAAAAAAA human@laptop';

/** What a human may add to a user, each created, listed, and (after provoking its errors) removed again. */
async function humanCredentialsScenario(iam: IAMClient, user: string): Promise<void> {
  await iam.send(
    new CreateLoginProfileCommand({ UserName: user, Password: 'correct-horse-battery', PasswordResetRequired: true }),
  );
  await rejection(iam.send(new CreateLoginProfileCommand({ UserName: user, Password: 'correct-horse-battery' })));
  await iam.send(new GetLoginProfileCommand({ UserName: user }));
  const mfa = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${user}-phone` }));
  const serial = mfa.VirtualMFADevice?.SerialNumber as string;
  await rejection(
    iam.send(
      new EnableMFADeviceCommand({
        UserName: user,
        SerialNumber: serial,
        AuthenticationCode1: 'x',
        AuthenticationCode2: '654321',
      }),
    ),
  );
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: user,
      SerialNumber: serial,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    }),
  );
  await iam.send(new ListMFADevicesCommand({ UserName: user }));
  await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
  await rejection(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })));
  const cert = await iam.send(
    new UploadSigningCertificateCommand({ UserName: user, CertificateBody: TEST_CERTIFICATE }),
  );
  await rejection(iam.send(new UploadSigningCertificateCommand({ UserName: user, CertificateBody: 'not pem' })));
  await iam.send(new ListSigningCertificatesCommand({ UserName: user }));
  const ssh = await iam.send(new UploadSSHPublicKeyCommand({ UserName: user, SSHPublicKeyBody: TEST_SSH_KEY }));
  await rejection(iam.send(new UploadSSHPublicKeyCommand({ UserName: user, SSHPublicKeyBody: TEST_SSH_KEY })));
  await iam.send(new ListSSHPublicKeysCommand({ UserName: user }));
  const svc = await iam.send(
    new CreateServiceSpecificCredentialCommand({ UserName: user, ServiceName: 'codecommit.amazonaws.com' }),
  );
  await rejection(
    iam.send(new CreateServiceSpecificCredentialCommand({ UserName: user, ServiceName: 'ec2.amazonaws.com' })),
  );
  await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: user }));
  await rejection(iam.send(new DeleteUserCommand({ UserName: user })));
  await rejection(iam.send(new GetCredentialReportCommand({})));
  await iam.send(new GenerateCredentialReportCommand({}));
  await iam.send(new GetCredentialReportCommand({}));

  await iam.send(new DeleteLoginProfileCommand({ UserName: user }));
  await rejection(iam.send(new GetLoginProfileCommand({ UserName: user })));
  await iam.send(new DeactivateMFADeviceCommand({ UserName: user, SerialNumber: serial }));
  await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
  await iam.send(
    new DeleteSigningCertificateCommand({ UserName: user, CertificateId: cert.Certificate?.CertificateId }),
  );
  await iam.send(new DeleteSSHPublicKeyCommand({ UserName: user, SSHPublicKeyId: ssh.SSHPublicKey?.SSHPublicKeyId }));
  await rejection(iam.send(new DeleteSSHPublicKeyCommand({ UserName: user, SSHPublicKeyId: 'APKAMISSING' })));
  await iam.send(
    new DeleteServiceSpecificCredentialCommand({
      UserName: user,
      ServiceSpecificCredentialId: svc.ServiceSpecificCredential?.ServiceSpecificCredentialId,
    }),
  );
}
