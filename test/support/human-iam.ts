/**
 * What a human does by hand to a zonesmith IAM user, through the real SDK against the AWS emulator: an inline
 * policy, a console password, an enabled virtual MFA device and an SSH key. Each makes IAM refuse DeleteUser.
 */
import {
  CreateLoginProfileCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  PutUserPolicyCommand,
  UploadSSHPublicKeyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';

export const HUMAN_SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHumanAddedKeyForTestsOnlyAAAAAAAAAAAAAAAAAA human@laptop';

export async function addHumanAccess(iam: IAMClient, userName: string): Promise<{ mfaSerial: string }> {
  await iam.send(
    new PutUserPolicyCommand({
      UserName: userName,
      PolicyName: 'human-added',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'route53:GetChange', Resource: '*' }],
      }),
    }),
  );
  await iam.send(
    new CreateLoginProfileCommand({
      UserName: userName,
      Password: 'a-password-for-the-console',
      PasswordResetRequired: false,
    }),
  );
  const mfa = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${userName}-phone` }));
  const mfaSerial = mfa.VirtualMFADevice?.SerialNumber ?? '';
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: userName,
      SerialNumber: mfaSerial,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '234567',
    }),
  );
  await iam.send(new UploadSSHPublicKeyCommand({ UserName: userName, SSHPublicKeyBody: HUMAN_SSH_KEY }));
  return { mfaSerial };
}
