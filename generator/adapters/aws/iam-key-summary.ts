/**
 * The access-key summary from IAM's credential report: GenerateCredentialReport (IAM reuses a report younger than
 * 4 hours, else starts one), polled a few times while it is being built, then GetCredentialReport (CSV, Base64 in
 * Content). Two calls for the whole account in the steady state, instead of one ListAccessKeys per user.
 *
 * The report carries no key ids and shows a key's creation time only while it is active; a row the parser cannot
 * read leaves its user out (that user's keys are then listed). Any failure — the report still in progress after
 * the last poll, ReportNotPresent, ReportExpired, AccessDenied — answers null: the caller lists keys per user.
 */
import { GenerateCredentialReportCommand, GetCredentialReportCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { AccessKeySummary, AccessKeySummaryUser } from '../../ports/identity.js';

/** Waits between GenerateCredentialReport polls while IAM builds the report (about 7.5 s in all). */
export const REPORT_POLL_MS: readonly number[] = [500, 1000, 2000, 4000];

type Call = <T>(operation: string, run: () => Promise<T>) => Promise<T>;

export async function readAccessKeySummary(
  client: IAMClient,
  call: Call,
  sleep: (ms: number) => Promise<void>,
  pollMs: readonly number[] = REPORT_POLL_MS,
): Promise<AccessKeySummary | null> {
  try {
    for (let attempt = 0; ; attempt += 1) {
      const out = await call('GenerateCredentialReport', () => client.send(new GenerateCredentialReportCommand({})));
      if (out.State === 'COMPLETE' || out.State === undefined) break;
      const wait = pollMs[attempt];
      if (wait === undefined) return null;
      await sleep(wait);
    }
    const report = await call('GetCredentialReport', () => client.send(new GetCredentialReportCommand({})));
    if (!report.Content || !report.GeneratedTime) return null;
    const csv = Buffer.from(report.Content).toString('utf8');
    return { generatedAt: report.GeneratedTime.toISOString(), users: parseReport(csv) };
  } catch {
    return null;
  }
}

/** The content may arrive Base64-decoded (the SDK does that for blobs) or, from some services, still encoded. */
function decoded(csv: string): string {
  return csv.startsWith('user,') ? csv : Buffer.from(csv, 'base64').toString('utf8');
}

export function parseReport(content: string): Map<string, AccessKeySummaryUser> {
  const [header, ...rows] = decoded(content).split(/\r?\n/).filter(Boolean);
  const columns = (header ?? '').split(',');
  const at = (name: string) => columns.indexOf(name);
  const index = {
    user: at('user'),
    created: at('user_creation_time'),
    key1: at('access_key_1_active'),
    rotated1: at('access_key_1_last_rotated'),
    key2: at('access_key_2_active'),
    rotated2: at('access_key_2_last_rotated'),
  };
  const users = new Map<string, AccessKeySummaryUser>();
  if (Object.values(index).some((i) => i < 0)) return users;
  for (const row of rows) {
    const cells = row.split(',');
    if (cells.length !== columns.length) continue; // a name with a comma: that user is listed instead
    const created = seconds(cells[index.created]);
    const keys = [
      [cells[index.key1], cells[index.rotated1]],
      [cells[index.key2], cells[index.rotated2]],
    ].filter(([active]) => active === 'true');
    const keyTimes = keys.map(([, rotated]) => seconds(rotated));
    if (!created || keyTimes.some((t) => t === undefined)) continue;
    users.set(cells[index.user]!, {
      userCreatedAt: created,
      activeKeysCreatedAt: (keyTimes as string[]).sort(),
    });
  }
  return users;
}

/** An ISO 8601 time at second precision (`2026-01-01T00:00:00Z`), or undefined for N/A and the unreadable. */
export function seconds(value: string | undefined): string | undefined {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? undefined : new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
