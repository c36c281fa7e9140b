/**
 * The run log on its own: JSON lines when structured (CI, --json, not a terminal), readable progress with counts
 * on a terminal, colors only on a terminal without NO_COLOR, secrets never printed, a next step on every error.
 */
import { describe, expect, it } from 'vitest';
import { createRunLog } from '../../generator/commands/log.js';
import type { CliIO } from '../../generator/commands/io.js';
import type { ApplyEvent } from '../../generator/apply/context.js';
import { adviceFor } from '../../generator/present/error-advice.js';
import { PortError } from '../../generator/ports/errors.js';
import { ANSI, lines, stripAnsi } from './run-cli.js';

function io(options: { isTTY: boolean; env?: Record<string, string> }): CliIO & { err: () => string } {
  let err = '';
  return {
    stdout: () => undefined,
    stderr: (t) => {
      err += t;
    },
    env: options.env ?? {},
    cwd: '/',
    isTTY: options.isTTY,
    err: () => err,
  };
}

const EVENTS: readonly ApplyEvent[] = [
  { type: 'phase', phase: 'zones', status: 'start', total: 2 },
  { type: 'step', org: 'acme', kind: 'zone.create', detail: 'acme.platform.example.com', outcome: 'done' },
  { type: 'phase', phase: 'zones', status: 'end', total: 2 },
  { type: 'org', org: 'acme', index: 2, total: 5, changes: 7 },
  { type: 'error', org: 'globex', kind: 'iam.user.create', message: 'iam CreateUser failed: ServiceUnavailable' },
  {
    type: 'publish',
    repo: 'acme/gitops',
    branch: 'zonesmith/acme/prod',
    clusters: ['acme/prod'],
    outcome: 'opened',
    url: 'https://github.com/acme/gitops/pull/4',
    index: 3,
    total: 5,
  },
];

describe('run log', () => {
  it('structured: every line is one JSON object with level, msg and the event fields; no ANSI', () => {
    for (const target of [io({ isTTY: false }), io({ isTTY: true, env: { CI: 'true' } })]) {
      const log = createRunLog(target);
      expect(log.structured).toBe(true);
      for (const e of EVENTS) log.applyEvent(e);
      const parsed = lines(target.err()).map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(parsed).toHaveLength(EVENTS.length);
      expect(target.err()).not.toMatch(ANSI);
      expect(parsed.map((p) => p.event)).toEqual(['phase-start', 'step', 'phase-end', 'org', 'step-failed', 'publish']);
      expect(parsed[3]).toMatchObject({ level: 'info', org: 'acme', index: 2, total: 5, changes: 7 });
      expect(parsed[4]).toMatchObject({ level: 'error', org: 'globex', kind: 'iam.user.create' });
      expect(parsed[5]).toMatchObject({
        repo: 'acme/gitops',
        outcome: 'opened',
        url: 'https://github.com/acme/gitops/pull/4',
        index: 3,
        total: 5,
      });
    }
    const json = io({ isTTY: true });
    expect(createRunLog(json, { json: true }).structured).toBe(true);
  });

  it('on a terminal: progress with counts, colored marks; NO_COLOR keeps the words and drops the colors', () => {
    const tty = io({ isTTY: true });
    const log = createRunLog(tty);
    expect(log.structured).toBe(false);
    for (const e of EVENTS) log.applyEvent(e);
    expect(tty.err()).toContain('[2/5] org acme: 7 change(s)');
    expect(tty.err()).toContain(
      'publishing 3/5 repos: acme/gitops zonesmith/acme/prod — opened https://github.com/acme/gitops/pull/4',
    );
    expect(tty.err()).toContain('creating 2 zone(s)');
    expect(tty.err()).toContain('✓\x1b[0m acme zone.create acme.platform.example.com');
    expect(tty.err()).toMatch(ANSI);
    expect(() => JSON.parse(lines(tty.err())[0]!)).toThrow();

    const plain = io({ isTTY: true, env: { NO_COLOR: '1' } });
    const plainLog = createRunLog(plain);
    for (const e of EVENTS) plainLog.applyEvent(e);
    expect(plain.err()).not.toMatch(ANSI);
    expect(plain.err().replace(/\s+/g, ' ')).toBe(stripAnsi(tty.err()).replace(/\s+/g, ' '));
  });

  it('every error line says what to do next', () => {
    const target = io({ isTTY: false });
    const log = createRunLog(target);
    log.applyEvent(EVENTS[4]!);
    expect(JSON.parse(target.err()).msg).toMatch(/next apply/);
    expect(adviceFor(new PortError('vault', 'unavailable', 'vault read x failed: ECONNREFUSED'))).toMatch(
      /VAULT_ADDR.*run again/,
    );
    expect(adviceFor(new PortError('route53', 'access-denied', 'denied'))).toMatch(/AWS credentials/);
    expect(adviceFor(new PortError('github', 'throttled', 'slow down'))).toMatch(/run again/);
    expect(adviceFor(new Error('boom'))).toMatch(/run again/);
  });

  it('never prints a secret: environment credentials verbatim, key ids masked, private keys cut, in both shapes', () => {
    const env = {
      VAULT_TOKEN: 'hvs.sup3r-s3cret-vault-t0ken',
      GITHUB_TOKEN: 'tok-plain-shape-0123456789',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    };
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----';
    for (const isTTY of [false, true]) {
      const target = io({ isTTY, env });
      const log = createRunLog(target);
      log.error(`vault said ${env.VAULT_TOKEN} is bad; git used ${env.GITHUB_TOKEN}`);
      log.info(`key AKIAABCDEFGHIJKLMNOP secret ${env.AWS_SECRET_ACCESS_KEY}`);
      log.warn(`material ${pem}`);
      const text = target.err();
      for (const secret of Object.values(env)) expect(text).not.toContain(secret);
      expect(text).not.toContain('AKIAABCDEFGHIJKLMNOP');
      expect(text).not.toContain('MIIEabc');
      expect(text).toContain('AKIA****');
    }
  });
});
