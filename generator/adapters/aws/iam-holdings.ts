/**
 * Direct reads of one IAM user or managed policy, and the removals a complete teardown needs — independent of
 * what an account listing (GetAccountAuthorizationDetails) showed, so nothing a listing missed is left behind.
 *
 * Contracts:
 * - every list call is followed to its last page (ListServiceSpecificCredentials has no paging in the model);
 * - NoSuchEntity on the user or policy itself reads as null (absent); GetLoginProfile's NoSuchEntity means "no
 *   login profile"; ListServiceSpecificCredentials' NotSupportedService (a partition without the feature) means none;
 * - a virtual MFA device's serial number is an ARN (`arn:…:mfa/…`); a hardware one is not: only virtual devices
 *   are deleted after DeactivateMFADevice;
 * - every error leaves as a PortError (errors.ts).
 */
import {
  DeactivateMFADeviceCommand,
  DeleteLoginProfileCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserPolicyCommand,
  DeleteVirtualMFADeviceCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListMFADevicesCommand,
  ListPolicyVersionsCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type {
  AccessKeyMeta,
  PolicyEntity,
  PolicyHoldings,
  UserCredential,
  UserHoldings,
} from '../../ports/identity.js';
import { isPortError } from '../../ports/errors.js';
import { collectPages } from './pages.js';

export type Call = <T>(operation: string, run: () => Promise<T>) => Promise<T>;

interface Paged<T> {
  readonly items: readonly T[];
  readonly next: string | undefined;
}

function page<T>(
  items: readonly T[] | undefined,
  truncated: boolean | undefined,
  marker: string | undefined,
): Paged<T> {
  return { items: items ?? [], next: truncated ? marker : undefined };
}

const withMarker = (marker: string | undefined) => (marker ? { Marker: marker } : {});

/** null when the entity is gone (NoSuchEntity); other errors propagate. */
async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (e) {
    if (isPortError(e, 'not-found')) return null;
    throw e;
  }
}

export function createIamHoldings(
  client: IAMClient,
  call: Call,
  toKeyMeta: (k: { AccessKeyId?: string; Status?: string; CreateDate?: Date }) => AccessKeyMeta,
) {
  async function credentialsOf(userName: string): Promise<UserCredential[]> {
    const found: UserCredential[] = [];
    const profile = await orNull(() =>
      call('GetLoginProfile', () => client.send(new GetLoginProfileCommand({ UserName: userName }))),
    );
    if (profile?.LoginProfile) found.push({ type: 'login-profile' });
    const mfa = await collectPages(async (m: string | undefined) => {
      const out = await call('ListMFADevices', () =>
        client.send(new ListMFADevicesCommand({ UserName: userName, ...withMarker(m) })),
      );
      return page(out.MFADevices, out.IsTruncated, out.Marker);
    });
    for (const d of mfa)
      if (d.SerialNumber)
        found.push({ type: 'mfa-device', serialNumber: d.SerialNumber, virtual: d.SerialNumber.startsWith('arn:') });
    const certs = await collectPages(async (m: string | undefined) => {
      const out = await call('ListSigningCertificates', () =>
        client.send(new ListSigningCertificatesCommand({ UserName: userName, ...withMarker(m) })),
      );
      return page(out.Certificates, out.IsTruncated, out.Marker);
    });
    for (const c of certs) if (c.CertificateId) found.push({ type: 'signing-certificate', id: c.CertificateId });
    const ssh = await collectPages(async (m: string | undefined) => {
      const out = await call('ListSSHPublicKeys', () =>
        client.send(new ListSSHPublicKeysCommand({ UserName: userName, ...withMarker(m) })),
      );
      return page(out.SSHPublicKeys, out.IsTruncated, out.Marker);
    });
    for (const k of ssh) if (k.SSHPublicKeyId) found.push({ type: 'ssh-public-key', id: k.SSHPublicKeyId });
    for (const s of await serviceCredentials(userName)) {
      if (s.ServiceSpecificCredentialId)
        found.push({
          type: 'service-specific-credential',
          id: s.ServiceSpecificCredentialId,
          serviceName: s.ServiceName ?? '',
        });
    }
    return found;
  }

  async function serviceCredentials(userName: string) {
    try {
      const out = await call('ListServiceSpecificCredentials', () =>
        client.send(new ListServiceSpecificCredentialsCommand({ UserName: userName })),
      );
      return out.ServiceSpecificCredentials ?? [];
    } catch (e) {
      if (isPortError(e) && e.remoteCode?.startsWith('NotSupportedService')) return [];
      throw e;
    }
  }

  async function readUserOrThrow(userName: string): Promise<UserHoldings> {
    const { User: user } = await call('GetUser', () => client.send(new GetUserCommand({ UserName: userName })));
    // Tags are optional in GetUser's answer (an implementation may leave them out): then they are listed.
    const tagList =
      user?.Tags ??
      (await collectPages(async (m: string | undefined) => {
        const out = await call('ListUserTags', () =>
          client.send(new ListUserTagsCommand({ UserName: userName, ...withMarker(m) })),
        );
        return page(out.Tags, out.IsTruncated, out.Marker);
      }));
    const tags: Record<string, string> = {};
    for (const tag of tagList) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
    const attached = await collectPages(async (m: string | undefined) => {
      const out = await call('ListAttachedUserPolicies', () =>
        client.send(new ListAttachedUserPoliciesCommand({ UserName: userName, ...withMarker(m) })),
      );
      return page(out.AttachedPolicies, out.IsTruncated, out.Marker);
    });
    const inline = await collectPages(async (m: string | undefined) => {
      const out = await call('ListUserPolicies', () =>
        client.send(new ListUserPoliciesCommand({ UserName: userName, ...withMarker(m) })),
      );
      return page(out.PolicyNames, out.IsTruncated, out.Marker);
    });
    const keys = await collectPages(async (m: string | undefined) => {
      const out = await call('ListAccessKeys', () =>
        client.send(new ListAccessKeysCommand({ UserName: userName, ...withMarker(m) })),
      );
      return page(out.AccessKeyMetadata, out.IsTruncated, out.Marker);
    });
    return {
      userName,
      path: user?.Path ?? '/',
      tags,
      attachedPolicyArns: attached.map((p) => p.PolicyArn ?? '').filter((a) => a !== ''),
      inlinePolicyNames: inline,
      accessKeys: keys.map(toKeyMeta),
      credentials: await credentialsOf(userName),
    };
  }

  async function readPolicyOrThrow(policyArn: string): Promise<PolicyHoldings> {
    const policy = await call('GetPolicy', () => client.send(new GetPolicyCommand({ PolicyArn: policyArn })));
    const versions = await collectPages(async (m: string | undefined) => {
      const out = await call('ListPolicyVersions', () =>
        client.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn, ...withMarker(m) })),
      );
      return page(out.Versions, out.IsTruncated, out.Marker);
    });
    const entities = await collectPages(async (m: string | undefined) => {
      const out = await call('ListEntitiesForPolicy', () =>
        client.send(new ListEntitiesForPolicyCommand({ PolicyArn: policyArn, ...withMarker(m) })),
      );
      const items: PolicyEntity[] = [
        ...(out.PolicyUsers ?? []).map((u) => ({ type: 'user' as const, name: u.UserName ?? '' })),
        ...(out.PolicyGroups ?? []).map((g) => ({ type: 'group' as const, name: g.GroupName ?? '' })),
        ...(out.PolicyRoles ?? []).map((r) => ({ type: 'role' as const, name: r.RoleName ?? '' })),
      ];
      return page(
        items.filter((e) => e.name !== ''),
        out.IsTruncated,
        out.Marker,
      );
    });
    const defaultVersionId =
      policy.Policy?.DefaultVersionId ?? versions.find((v) => v.IsDefaultVersion)?.VersionId ?? '';
    return {
      arn: policyArn,
      defaultVersionId,
      nonDefaultVersionIds: versions
        .filter((v) => !v.IsDefaultVersion && v.VersionId && v.VersionId !== defaultVersionId)
        .map((v) => v.VersionId as string),
      attachedTo: entities,
    };
  }

  return {
    readUser: (userName: string) => orNull(() => readUserOrThrow(userName)),
    readPolicy: (policyArn: string) => orNull(() => readPolicyOrThrow(policyArn)),

    async deleteUserPolicy(userName: string, policyName: string): Promise<void> {
      await call('DeleteUserPolicy', () =>
        client.send(new DeleteUserPolicyCommand({ UserName: userName, PolicyName: policyName })),
      );
    },

    async removeCredential(userName: string, credential: UserCredential): Promise<void> {
      switch (credential.type) {
        case 'login-profile':
          await call('DeleteLoginProfile', () => client.send(new DeleteLoginProfileCommand({ UserName: userName })));
          return;
        case 'mfa-device':
          await call('DeactivateMFADevice', () =>
            client.send(new DeactivateMFADeviceCommand({ UserName: userName, SerialNumber: credential.serialNumber })),
          );
          // Deactivated, the device no longer blocks DeleteUser; deleting the unassigned virtual device is optional
          // for the runner (generator/security/api-calls.ts), so a denial leaves it behind.
          if (credential.virtual) {
            await call('DeleteVirtualMFADevice', () =>
              client.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: credential.serialNumber })),
            ).catch((e: unknown) => {
              if (!isPortError(e, 'access-denied')) throw e;
            });
          }
          return;
        case 'signing-certificate':
          await call('DeleteSigningCertificate', () =>
            client.send(new DeleteSigningCertificateCommand({ UserName: userName, CertificateId: credential.id })),
          );
          return;
        case 'ssh-public-key':
          await call('DeleteSSHPublicKey', () =>
            client.send(new DeleteSSHPublicKeyCommand({ UserName: userName, SSHPublicKeyId: credential.id })),
          );
          return;
        case 'service-specific-credential':
          await call('DeleteServiceSpecificCredential', () =>
            client.send(
              new DeleteServiceSpecificCredentialCommand({
                UserName: userName,
                ServiceSpecificCredentialId: credential.id,
              }),
            ),
          );
          return;
      }
    },

    async detachPolicyFrom(entity: PolicyEntity, policyArn: string): Promise<void> {
      switch (entity.type) {
        case 'user':
          await call('DetachUserPolicy', () =>
            client.send(new DetachUserPolicyCommand({ UserName: entity.name, PolicyArn: policyArn })),
          );
          return;
        case 'group':
          await call('DetachGroupPolicy', () =>
            client.send(new DetachGroupPolicyCommand({ GroupName: entity.name, PolicyArn: policyArn })),
          );
          return;
        case 'role':
          await call('DetachRolePolicy', () =>
            client.send(new DetachRolePolicyCommand({ RoleName: entity.name, PolicyArn: policyArn })),
          );
          return;
      }
    },
  };
}
