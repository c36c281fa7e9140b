/**
 * IAM's credential report: GenerateCredentialReport / GetCredentialReport, as the IAM User Guide ("Getting
 * credential reports") and the Smithy model describe them.
 *
 * - Generate starts a new report when none exists or the last one is older than 4 hours (State STARTED, then
 *   INPROGRESS while it is built); otherwise it answers COMPLETE and reuses the last report.
 * - Get answers ReportNotPresent (410) before any report, ReportInProgress (404) while one is built, ReportExpired
 *   (410) once the last report is older than 4 hours, else the report: CSV, Base64 in `Content`, `text/csv`,
 *   `GeneratedTime`.
 * - The CSV is a snapshot taken when generation starts: a `<root_account>` row, then one row per user. Key 1 and
 *   key 2 are the user's keys in creation order; `access_key_N_last_rotated` is the key's creation time, N/A when
 *   the user has no such active key (the guide: "If the user does not have an active access key, … N/A").
 * `IamStore.reportBuildMs` (a test switch, default 0) is how long a generation takes.
 */
import { AwsError } from './errors.js';
import type { IamStore, User } from './iam-store.js';
import type { IamOperation } from './iam-query.js';

/** A report is reused for, and readable for, this long. */
export const REPORT_LIFETIME_MS = 4 * 3600_000;

const COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
];

export interface CredentialReportState {
  readonly startedAt: number;
  readonly readyAt: number;
  readonly csv: string;
}

/** The report's date format: second precision, `+00:00`. */
const reportDate = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
const truth = (value: boolean) => (value ? 'true' : 'false');

function keyColumns(store: IamStore, user: User, index: number): string[] {
  const key = store.keysOf(user.userName).sort((a, b) => a.createDate - b.createDate)[index];
  const active = key?.status === 'Active';
  const used = key?.lastUsed;
  return [
    truth(active),
    active ? reportDate(key.createDate) : 'N/A',
    used ? reportDate(used.date) : 'N/A',
    used ? used.region : 'N/A',
    used ? used.serviceName : 'N/A',
  ];
}

function userRow(store: IamStore, user: User): string[] {
  const c = user.credentials;
  const certs = [...c.signingCertificates.values()].filter((x) => x.status === 'Active');
  const login = c.loginProfile;
  const mfa = [...store.mfaDevices.values()].some((d) => d.userName === user.userName && d.enableDate !== undefined);
  return [
    user.userName,
    user.arn,
    reportDate(user.createDate),
    truth(login !== undefined),
    'N/A',
    login ? reportDate(login.createDate) : 'N/A',
    'N/A',
    truth(mfa),
    ...keyColumns(store, user, 0),
    ...keyColumns(store, user, 1),
    truth(certs[0] !== undefined),
    certs[0] ? reportDate(certs[0].uploadDate) : 'N/A',
    truth(certs[1] !== undefined),
    certs[1] ? reportDate(certs[1].uploadDate) : 'N/A',
  ];
}

export function buildReportCsv(store: IamStore): string {
  const root = ['<root_account>', `arn:aws:iam::${store.accountId}:root`, 'N/A', 'not_supported'];
  const rows = [
    COLUMNS,
    [...root, ...COLUMNS.slice(root.length).map(() => 'N/A')],
    ...store
      .allUsers()
      .sort((a, b) => a.userName.localeCompare(b.userName))
      .map((u) => userRow(store, u)),
  ];
  return rows.map((r) => r.join(',')).join('\n');
}

export const REPORT_OPERATIONS: Readonly<Record<string, IamOperation>> = {
  GenerateCredentialReport: {
    mutating: false,
    errors: ['LimitExceeded', 'ServiceFailure'],
    resource: () => '*',
    handle(_p, { store }) {
      const now = store.now();
      const last = store.credentialReport;
      if (last && now < last.readyAt) return { State: 'INPROGRESS', Description: 'Report generation in progress' };
      if (last && now - last.startedAt < REPORT_LIFETIME_MS) return { State: 'COMPLETE' };
      store.credentialReport = { startedAt: now, readyAt: now + store.reportBuildMs, csv: buildReportCsv(store) };
      return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
    },
  },
  GetCredentialReport: {
    mutating: false,
    errors: ['ReportExpired', 'ReportNotPresent', 'ReportInProgress', 'ServiceFailure'],
    resource: () => '*',
    handle(_p, { store }) {
      const now = store.now();
      const report = store.credentialReport;
      if (!report) throw new AwsError('ReportNotPresent', 410, 'Credential report not present.');
      if (now < report.readyAt) throw new AwsError('ReportInProgress', 404, 'Report generation in progress.');
      if (now - report.startedAt >= REPORT_LIFETIME_MS)
        throw new AwsError('ReportExpired', 410, 'Credential report has expired. Generate a new report.');
      return {
        Content: Buffer.from(report.csv, 'utf8').toString('base64'),
        ReportFormat: 'text/csv',
        GeneratedTime: new Date(report.startedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
    },
  },
};
