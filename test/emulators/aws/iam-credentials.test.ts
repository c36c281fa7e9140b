/**
 * The IAM emulator's human-added credentials and listing gaps, through the real SDK: each kind of credential makes
 * DeleteUser answer DeleteConflict until it is removed; an enabled virtual MFA device must be deactivated before
 * it can be deleted; the listing-gap switch hides entities from GetAccountAuthorizationDetails only.
 */
import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  DeactivateMFADeviceCommand,
  DeleteLoginProfileCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DeleteVirtualMFADeviceCommand,
  DetachUserPolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  ListEntitiesForPolicyCommand,
  ListMFADevicesCommand,
  ListSSHPublicKeysCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsEmulator, type AwsEmulator } from '../../../generator/local/aws/index.js';
import { addHumanAccess, HUMAN_SSH_KEY } from '../../support/human-iam.js';
import { iamClient, rejection } from './sdk-clients.js';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUHumanAddedForTestsOnly\n-----END CERTIFICATE-----\n';

let emulator: AwsEmulator;
let iam: IAMClient;
beforeAll(async () => {
  emulator = await startAwsEmulator({ rateScale: 0 });
  iam = iamClient(emulator);
});
afterAll(async () => {
  iam.destroy();
  await emulator.close();
});

describe('credentials a person adds block DeleteUser until each is removed', () => {
  it('login profile, MFA device, SSH key, signing certificate, service credential, inline policy', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'h1', Path: '/zonesmith/' }));
    const { mfaSerial } = await addHumanAccess(iam, 'h1');
    const cert = await iam.send(new UploadSigningCertificateCommand({ UserName: 'h1', CertificateBody: CERT }));
    const svc = await iam.send(
      new CreateServiceSpecificCredentialCommand({ UserName: 'h1', ServiceName: 'codecommit.amazonaws.com' }),
    );
    expect(
      (await iam.send(new ListMFADevicesCommand({ UserName: 'h1' }))).MFADevices?.map((d) => d.SerialNumber),
    ).toEqual([mfaSerial]);
    const ssh = (await iam.send(new ListSSHPublicKeysCommand({ UserName: 'h1' }))).SSHPublicKeys ?? [];
    expect(ssh).toHaveLength(1);

    const conflict = async (): Promise<string> => {
      const e = await rejection(iam.send(new DeleteUserCommand({ UserName: 'h1' })));
      expect(e.name).toBe('DeleteConflictException');
      return e.message;
    };
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'h1', PolicyName: 'human-added' }));
    expect(await conflict()).toContain('login profile');
    await iam.send(new DeleteLoginProfileCommand({ UserName: 'h1' }));
    expect(await conflict()).toContain('MFA');
    expect((await rejection(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: mfaSerial })))).name).toBe(
      'DeleteConflictException',
    );
    await iam.send(new DeactivateMFADeviceCommand({ UserName: 'h1', SerialNumber: mfaSerial }));
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: mfaSerial }));
    expect(await conflict()).toContain('signing certificates');
    await iam.send(
      new DeleteSigningCertificateCommand({ UserName: 'h1', CertificateId: cert.Certificate!.CertificateId! }),
    );
    expect(await conflict()).toContain('SSH public keys');
    await iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'h1', SSHPublicKeyId: ssh[0]!.SSHPublicKeyId! }));
    expect(await conflict()).toContain('service-specific credentials');
    await iam.send(
      new DeleteServiceSpecificCredentialCommand({
        UserName: 'h1',
        ServiceSpecificCredentialId: svc.ServiceSpecificCredential!.ServiceSpecificCredentialId!,
      }),
    );
    await iam.send(new DeleteUserCommand({ UserName: 'h1' }));
  });

  it('refuses a duplicate SSH key and an unsupported service', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'h2' }));
    await addHumanAccess(iam, 'h2');
    expect(
      (
        await rejection(
          iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'h2', ServiceName: 's3.amazonaws.com' })),
        )
      ).name,
    ).toBe('ServiceNotSupportedException');
    expect(
      (await rejection(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'h2', SSHPublicKeyBody: HUMAN_SSH_KEY }))))
        .name,
    ).toBe('DuplicateSSHPublicKeyException');
  });
});

describe('listing gaps', () => {
  it('hide a policy from GetAccountAuthorizationDetails; GetPolicy and ListEntitiesForPolicy still find it', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'gap', Path: '/zonesmith/' }));
    const { Policy } = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'gap-policy',
        Path: '/zonesmith/',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'route53:GetChange', Resource: '*' }],
        }),
      }),
    );
    const arn = Policy!.Arn!;
    await iam.send(new AttachUserPolicyCommand({ UserName: 'gap', PolicyArn: arn }));
    emulator.setListingGaps([arn]);
    const listed = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['LocalManagedPolicy'] }));
    expect(listed.Policies?.map((p) => p.Arn)).not.toContain(arn);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.Arn).toBe(arn);
    const entities = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    expect(entities.PolicyUsers?.map((u) => u.UserName)).toEqual(['gap']);
    expect(entities.PolicyGroups ?? []).toEqual([]);
    emulator.setListingGaps([]);
    expect(
      (await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['LocalManagedPolicy'] }))).Policies?.map(
        (p) => p.Arn,
      ),
    ).toContain(arn);
    await iam.send(new DetachUserPolicyCommand({ UserName: 'gap', PolicyArn: arn }));
    expect((await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }))).PolicyUsers ?? []).toEqual([]);
  });
});
