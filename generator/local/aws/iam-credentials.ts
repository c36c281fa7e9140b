/**
 * IAM operations on what a human may add to a user beside access keys — a console password (login profile),
 * virtual MFA devices, X.509 signing certificates, SSH public keys (CodeCommit) and service-specific credentials —
 * each of which makes `DeleteUser` answer DeleteConflict while it exists (iam-store.ts).
 *
 * Shapes and errors follow the IAM Smithy model (checked by test/emulators/aws/contract.test.ts). Simplified:
 * any two 6-digit codes enable an MFA device; a certificate body must be PEM, an SSH key an `ssh-rsa`/`ssh-ed25519`
 * line; quotas are IAM's defaults (2 signing certificates, 5 SSH keys, 2 credentials per service).
 * Secrets (the MFA seed, a service password) appear only in the response of the call that creates them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AwsError } from './errors.js';
import type { IamStore, ServiceCredential, UploadedCredential, User, VirtualMfaDevice } from './iam-store.js';
import { checkName, checkPath } from './iam-store.js';
import { iso, pageFields, paginate, required, userArn, type IamContext, type IamOperation } from './iam-query.js';
import { xmlList, type XmlElement } from './xml.js';

const MAX_SIGNING_CERTIFICATES = 2;
const MAX_SSH_KEYS = 5;
const MAX_SERVICE_CREDENTIALS = 2;
const SUPPORTED_SERVICES = ['codecommit.amazonaws.com', 'cassandra.amazonaws.com', 'keyspaces.amazonaws.com'];

function noSuch(what: string): AwsError {
  return new AwsError('NoSuchEntity', 404, `The ${what} cannot be found.`);
}

function loginProfileXml(user: User): XmlElement {
  const profile = user.credentials.loginProfile;
  if (!profile) throw noSuch(`Login Profile for User ${user.userName}`);
  return {
    LoginProfile: {
      UserName: user.userName,
      CreateDate: iso(profile.createDate),
      PasswordResetRequired: profile.passwordResetRequired,
    },
  };
}

function mfaArn(context: IamContext, path: string, name: string): string {
  return `arn:aws:iam::${context.accountId}:mfa${path}${name}`;
}

function device(store: IamStore, serialNumber: string): VirtualMfaDevice {
  const found = store.mfaDevices.get(serialNumber);
  if (!found) throw noSuch(`MFA device with serial number ${serialNumber}`);
  return found;
}

function uploadedXml(user: User, c: UploadedCredential, kind: 'certificate' | 'ssh'): XmlElement {
  return kind === 'certificate'
    ? {
        UserName: user.userName,
        CertificateId: c.id,
        CertificateBody: c.body,
        Status: c.status,
        UploadDate: iso(c.uploadDate),
      }
    : { UserName: user.userName, SSHPublicKeyId: c.id, Status: c.status, UploadDate: iso(c.uploadDate) };
}

function sshFingerprint(body: string): string {
  const blob = Buffer.from(body.split(/\s+/)[1] ?? '', 'base64');
  return createHash('md5')
    .update(blob)
    .digest('hex')
    .replace(/(..)(?!$)/g, '$1:');
}

function serviceCredentialXml(user: User, c: ServiceCredential): XmlElement {
  return {
    UserName: user.userName,
    Status: c.status,
    ServiceUserName: c.serviceUserName,
    CreateDate: iso(c.createDate),
    ServiceSpecificCredentialId: c.id,
    ServiceName: c.serviceName,
  };
}

function upload(store: IamStore, user: User, kind: 'certificate' | 'ssh', body: string): UploadedCredential {
  const map = kind === 'certificate' ? user.credentials.signingCertificates : user.credentials.sshPublicKeys;
  if (kind === 'certificate' && !/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/.test(body.trim())) {
    throw new AwsError('MalformedCertificate', 400, 'The certificate is not in PEM format.');
  }
  if (kind === 'ssh' && !/^(ssh-rsa|ssh-ed25519) [A-Za-z0-9+/=]+/.test(body))
    throw new AwsError('UnrecognizedPublicKeyEncoding', 400, 'The public key encoding is not recognized.');
  if ([...map.values()].some((c) => c.body === body)) {
    throw kind === 'certificate'
      ? new AwsError('DuplicateCertificate', 409, 'The certificate is already uploaded.')
      : new AwsError('DuplicateSSHPublicKey', 400, 'The public key is already uploaded.');
  }
  const max = kind === 'certificate' ? MAX_SIGNING_CERTIFICATES : MAX_SSH_KEYS;
  if (map.size >= max)
    throw new AwsError(
      'LimitExceeded',
      409,
      `Cannot exceed quota for ${kind === 'certificate' ? 'SigningCertificatesPerUser' : 'SSHPublicKeysPerUser'}: ${max}`,
    );
  const created: UploadedCredential = {
    id: store.newId(kind === 'certificate' ? 'ASCA' : 'APKA', kind),
    body,
    status: 'Active',
    uploadDate: store.now(),
  };
  map.set(created.id, created);
  return created;
}

function removeFrom<T>(map: Map<string, T>, id: string, what: string): void {
  if (!map.delete(id)) throw noSuch(`${what} ${id}`);
}

const user = (p: URLSearchParams, c: IamContext): User => c.store.user(required(p, 'UserName'));

export const CREDENTIAL_OPERATIONS: Readonly<Record<string, IamOperation>> = {
  CreateLoginProfile: {
    mutating: true,
    errors: ['EntityAlreadyExists', 'NoSuchEntity', 'PasswordPolicyViolation'],
    resource: userArn,
    handle(p, c) {
      const u = user(p, c);
      const password = required(p, 'Password');
      if (password.length < 8)
        throw new AwsError('PasswordPolicyViolation', 400, 'Password should have a minimum length of 8');
      if (u.credentials.loginProfile)
        throw new AwsError('EntityAlreadyExists', 409, `Login Profile for user ${u.userName} already exists.`);
      u.credentials.loginProfile = {
        createDate: c.store.now(),
        passwordResetRequired: p.get('PasswordResetRequired') === 'true',
      };
      return loginProfileXml(u);
    },
  },
  GetLoginProfile: {
    mutating: false,
    errors: ['NoSuchEntity'],
    resource: userArn,
    handle: (p, c) => loginProfileXml(user(p, c)),
  },
  DeleteLoginProfile: {
    mutating: true,
    errors: ['NoSuchEntity'],
    resource: userArn,
    handle(p, c) {
      const u = user(p, c);
      if (!u.credentials.loginProfile) throw noSuch(`Login Profile for User ${u.userName}`);
      delete u.credentials.loginProfile;
      return undefined;
    },
  },
  CreateVirtualMFADevice: {
    mutating: true,
    errors: ['EntityAlreadyExists', 'InvalidInput'],
    resource: (p, c) => mfaArn(c, p.get('Path') ?? '/', p.get('VirtualMFADeviceName') ?? ''),
    handle(p, c) {
      const name = required(p, 'VirtualMFADeviceName');
      const path = p.get('Path') ?? '/';
      checkName('virtualMFADeviceName', name, 226);
      checkPath('path', path);
      const serialNumber = mfaArn(c, path, name);
      if (c.store.mfaDevices.has(serialNumber))
        throw new AwsError('EntityAlreadyExists', 409, `MFADevice entity at the same path and name already exists.`);
      c.store.mfaDevices.set(serialNumber, { serialNumber, createDate: c.store.now() });
      return { VirtualMFADevice: { SerialNumber: serialNumber, Base32StringSeed: randomBytes(20).toString('base64') } };
    },
  },
  EnableMFADevice: {
    mutating: true,
    errors: ['EntityAlreadyExists', 'InvalidAuthenticationCode', 'NoSuchEntity'],
    resource: userArn,
    handle(p, c) {
      const u = user(p, c);
      const d = device(c.store, required(p, 'SerialNumber'));
      if (
        ![required(p, 'AuthenticationCode1'), required(p, 'AuthenticationCode2')].every((code) => /^\d{6}$/.test(code))
      ) {
        throw new AwsError('InvalidAuthenticationCode', 403, 'Authentication code for device is not valid.');
      }
      if (d.userName !== undefined) throw new AwsError('EntityAlreadyExists', 409, 'MFA device is already in use.');
      d.userName = u.userName;
      d.enableDate = c.store.now();
      return undefined;
    },
  },
  ListMFADevices: {
    mutating: false,
    errors: ['NoSuchEntity'],
    resource: userArn,
    handle(p, c) {
      const u = user(p, c);
      const mine = [...c.store.mfaDevices.values()].filter((d) => d.userName === u.userName);
      const { page, marker } = paginate(mine, (d) => d.serialNumber, p);
      return {
        MFADevices: xmlList(
          'member',
          page.map((d) => ({ UserName: u.userName, SerialNumber: d.serialNumber, EnableDate: iso(d.enableDate ?? 0) })),
        ),
        ...pageFields(marker),
      };
    },
  },
  DeactivateMFADevice: {
    mutating: true,
    errors: ['NoSuchEntity'],
    resource: userArn,
    handle(p, c) {
      const u = user(p, c);
      const d = device(c.store, required(p, 'SerialNumber'));
      if (d.userName !== u.userName) throw noSuch(`MFA device ${d.serialNumber} of user ${u.userName}`);
      delete d.userName;
      delete d.enableDate;
      return undefined;
    },
  },
  ListVirtualMFADevices: {
    mutating: false,
    errors: [],
    resource: () => '*',
    handle(p, c) {
      const status = p.get('AssignmentStatus') ?? 'Any';
      const listed = [...c.store.mfaDevices.values()].filter(
        (d) => status === 'Any' || (status === 'Assigned') === (d.userName !== undefined),
      );
      const { page, marker } = paginate(listed, (d) => d.serialNumber, p);
      return {
        VirtualMFADevices: xmlList(
          'member',
          page.map((d) => ({
            SerialNumber: d.serialNumber,
            ...(d.enableDate !== undefined ? { EnableDate: iso(d.enableDate) } : {}),
          })),
        ),
        ...pageFields(marker),
      };
    },
  },
  DeleteVirtualMFADevice: {
    mutating: true,
    errors: ['DeleteConflict', 'NoSuchEntity'],
    resource: (p) => p.get('SerialNumber') ?? '*',
    handle(p, c) {
      const d = device(c.store, required(p, 'SerialNumber'));
      if (d.userName !== undefined) throw new AwsError('DeleteConflict', 409, 'MFA Device is still in use.');
      c.store.mfaDevices.delete(d.serialNumber);
      return undefined;
    },
  },
  UploadSigningCertificate: {
    mutating: true,
    errors: ['DuplicateCertificate', 'LimitExceeded', 'MalformedCertificate', 'NoSuchEntity'],
    resource: userArn,
    handle(p, c) {
      const u = user(p, c);
      return {
        Certificate: uploadedXml(u, upload(c.store, u, 'certificate', required(p, 'CertificateBody')), 'certificate'),
      };
    },
  },
  ListSigningCertificates: {
    mutating: false,
    errors: ['NoSuchEntity'],
    resource: userArn,
    handle(p, c) {
      const u = user(p, c);
      const { page, marker } = paginate([...u.credentials.signingCertificates.values()], (x) => x.id, p);
      return {
        Certificates: xmlList(
          'member',
          page.map((x) => uploadedXml(u, x, 'certificate')),
        ),
        ...pageFields(marker),
      };
    },
  },
  DeleteSigningCertificate: {
    mutating: true,
    errors: ['NoSuchEntity'],
    resource: userArn,
    handle: (p, c) =>
      void removeFrom(user(p, c).credentials.signingCertificates, required(p, 'CertificateId'), 'signing certificate'),
  },
  UploadSSHPublicKey: {
    mutating: true,
    errors: ['DuplicateSSHPublicKey', 'LimitExceeded', 'NoSuchEntity', 'UnrecognizedPublicKeyEncoding'],
    resource: userArn,
    handle(p, c) {
      const u = user(p, c);
      const key = upload(c.store, u, 'ssh', required(p, 'SSHPublicKeyBody'));
      return {
        SSHPublicKey: {
          ...uploadedXml(u, key, 'ssh'),
          Fingerprint: sshFingerprint(key.body),
          SSHPublicKeyBody: key.body,
        },
      };
    },
  },
  ListSSHPublicKeys: {
    mutating: false,
    errors: ['NoSuchEntity'],
    resource: userArn,
    handle(p, c) {
      const u = user(p, c);
      const { page, marker } = paginate([...u.credentials.sshPublicKeys.values()], (x) => x.id, p);
      return {
        SSHPublicKeys: xmlList(
          'member',
          page.map((x) => uploadedXml(u, x, 'ssh')),
        ),
        ...pageFields(marker),
      };
    },
  },
  DeleteSSHPublicKey: {
    mutating: true,
    errors: ['NoSuchEntity'],
    resource: userArn,
    handle: (p, c) =>
      void removeFrom(user(p, c).credentials.sshPublicKeys, required(p, 'SSHPublicKeyId'), 'SSH public key'),
  },
  CreateServiceSpecificCredential: {
    mutating: true,
    errors: ['LimitExceeded', 'NoSuchEntity', 'NotSupportedService'],
    resource: userArn,
    handle(p, c) {
      const u = user(p, c);
      const serviceName = required(p, 'ServiceName');
      if (!SUPPORTED_SERVICES.includes(serviceName))
        throw new AwsError(
          'NotSupportedService',
          404,
          `Service ${serviceName} is not supported for service specific credentials.`,
        );
      const same = [...u.credentials.serviceCredentials.values()].filter((x) => x.serviceName === serviceName);
      if (same.length >= MAX_SERVICE_CREDENTIALS)
        throw new AwsError(
          'LimitExceeded',
          409,
          `Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: ${MAX_SERVICE_CREDENTIALS}`,
        );
      const created: ServiceCredential = {
        id: c.store.newId('ACCA', 'service-credential'),
        serviceName,
        serviceUserName: `${u.userName}-at-${c.accountId}`,
        status: 'Active',
        createDate: c.store.now(),
      };
      u.credentials.serviceCredentials.set(created.id, created);
      return {
        ServiceSpecificCredential: {
          ...serviceCredentialXml(u, created),
          ServicePassword: randomBytes(24).toString('base64'),
        },
      };
    },
  },
  ListServiceSpecificCredentials: {
    mutating: false,
    errors: ['NoSuchEntity', 'NotSupportedService'],
    resource: userArn,
    handle(p, c) {
      const u = user(p, c);
      const service = p.get('ServiceName');
      const listed = [...u.credentials.serviceCredentials.values()].filter(
        (x) => !service || x.serviceName === service,
      );
      return {
        ServiceSpecificCredentials: xmlList(
          'member',
          listed.map((x) => serviceCredentialXml(u, x)),
        ),
      };
    },
  },
  DeleteServiceSpecificCredential: {
    mutating: true,
    errors: ['NoSuchEntity'],
    resource: userArn,
    handle: (p, c) =>
      void removeFrom(
        user(p, c).credentials.serviceCredentials,
        required(p, 'ServiceSpecificCredentialId'),
        'service-specific credential',
      ),
  },
};
