/**
 * The emulator's credential report (generator/local/aws/iam-report.ts) against the IAM API reference: Generate
 * starts a report or reuses one younger than 4 hours; Get answers ReportNotPresent, ReportInProgress and
 * ReportExpired; the content is a Base64 CSV whose key columns show active keys' creation times. And the adapter's
 * parser (generator/adapters/aws/iam-key-summary.ts) reads what the emulator writes.
 */
import { describe, expect, it } from 'vitest';
import { IamStore } from '../../../generator/local/aws/iam-store.js';
import { REPORT_LIFETIME_MS, REPORT_OPERATIONS } from '../../../generator/local/aws/iam-report.js';
import type { IamContext } from '../../../generator/local/aws/iam-api.js';
import { parseReport } from '../../../generator/adapters/aws/iam-key-summary.js';

function setup() {
  let now = Date.parse('2026-03-01T10:00:00.250Z');
  const store = new IamStore({ accountId: '123456789012', now: () => now });
  const context: IamContext = { store, accountId: '123456789012', caller: { type: 'admin' } };
  const params = new URLSearchParams();
  const generate = () => REPORT_OPERATIONS.GenerateCredentialReport!.handle(params, context) as { State: string };
  const get = () =>
    REPORT_OPERATIONS.GetCredentialReport!.handle(params, context) as {
      Content: string;
      ReportFormat: string;
      GeneratedTime: string;
    };
  const code = (fn: () => unknown) => {
    try {
      fn();
      return 'ok';
    } catch (e) {
      return (e as { code: string }).code;
    }
  };
  return { store, generate, get, code, advance: (ms: number) => (now += ms) };
}

describe('credential report (emulator)', () => {
  it('ReportNotPresent before any report; STARTED, then COMPLETE reused for 4 hours', () => {
    const { generate, get, code, advance } = setup();
    expect(code(get)).toBe('ReportNotPresent');
    expect(generate().State).toBe('STARTED');
    expect(generate().State).toBe('COMPLETE');
    const first = get().GeneratedTime;
    advance(REPORT_LIFETIME_MS - 1000);
    expect(generate().State).toBe('COMPLETE');
    expect(get().GeneratedTime).toBe(first);
    advance(2000);
    expect(code(get)).toBe('ReportExpired');
    expect(generate().State).toBe('STARTED');
    expect(get().GeneratedTime).not.toBe(first);
  });

  it('ReportInProgress while a report is built', () => {
    const { store, generate, get, code, advance } = setup();
    store.reportBuildMs = 5000;
    expect(generate().State).toBe('STARTED');
    expect(generate().State).toBe('INPROGRESS');
    expect(code(get)).toBe('ReportInProgress');
    advance(5000);
    expect(code(get)).toBe('ok');
  });

  it('CSV in Base64: active keys with creation time, inactive keys N/A; the parser reads it', () => {
    const { store, generate, get, advance } = setup();
    store.createUser('alice', '/zonesmith/', []);
    store.createAccessKey('alice');
    advance(60_000);
    store.createAccessKey('alice');
    store.createUser('bob', '/', []);
    const k3 = store.createAccessKey('bob');
    store.updateAccessKey('bob', k3.accessKeyId, 'Inactive');
    generate();
    const report = get();
    expect(report.ReportFormat).toBe('text/csv');
    const csv = Buffer.from(report.Content, 'base64').toString('utf8');
    const [header, root, alice, bob] = csv.split('\n');
    expect(header).toMatch(/^user,arn,user_creation_time,.*access_key_1_active,access_key_1_last_rotated,/);
    expect(root).toMatch(/^<root_account>,arn:aws:iam::123456789012:root,/);
    expect(alice).toContain('true,2026-03-01T10:00:00+00:00');
    expect(bob).toContain('false,N/A');
    const parsed = parseReport(csv);
    expect(parsed.get('alice')).toEqual({
      userCreatedAt: '2026-03-01T10:00:00Z',
      activeKeysCreatedAt: ['2026-03-01T10:00:00Z', '2026-03-01T10:01:00Z'],
    });
    expect(parsed.get('bob')?.activeKeysCreatedAt).toEqual([]);
  });

  it('a report shows nothing that happened after it was generated', () => {
    const { store, generate, get } = setup();
    store.createUser('carol', '/', []);
    generate();
    store.createAccessKey('carol');
    expect(
      parseReport(Buffer.from(get().Content, 'base64').toString('utf8')).get('carol')?.activeKeysCreatedAt,
    ).toEqual([]);
  });
});
