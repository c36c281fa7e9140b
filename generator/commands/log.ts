/**
 * Run output. Two shapes, chosen once per run:
 *   - structured (CI, `--json`, or output not a terminal): one JSON object a line on stderr — `level`, `msg`, and
 *     for apply events `event` plus its fields. No colors, no progress bars, nothing but JSON lines.
 *   - for people (a terminal): readable lines with counts (`[2/5] org acme: 7 changes`, `publishing 3/5 repos`),
 *     colored marks.
 * Every line passes the redaction helper first, so no secret reaches a log even by mistake, and every error line
 * says what to do next (the callers append `adviceFor`).
 */
import type { ApplyEvent, ApplyPhase } from '../apply/context.js';
import { redact } from '../security/secrets.js';
import { colorAllowed, type CliIO } from './io.js';

export type LogLevel = 'info' | 'warn' | 'error';

export interface RunLog {
  readonly structured: boolean;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  applyEvent(event: ApplyEvent): void;
}

/** Credentials zonesmith reads from its environment; their values are cut from every log line verbatim. */
export const SECRET_ENV = [
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'VAULT_TOKEN',
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'GITHUB_APP_PRIVATE_KEY',
] as const;

/** The one redaction helper (generator/security/secrets.ts), for the commands that log. */
export { redact };

/** Structured output is the default everywhere but an interactive terminal. */
export function isStructured(io: CliIO, options: { json?: boolean } = {}): boolean {
  return Boolean(options.json) || io.env.CI === 'true' || !io.isTTY;
}

const PAINT = {
  red: '\x1b[31m',
  green: '\x1b[32m',
  yellow: '\x1b[33m',
  cyan: '\x1b[36m',
  dim: '\x1b[2m',
  reset: '\x1b[0m',
} as const;

const PHASE_TITLE: Readonly<Record<ApplyPhase, (total: number) => string>> = {
  zones: (n) => `creating ${n} zone(s)`,
  delegation: (n) => `delegating ${n} zone(s) from the base zone`,
  identity: (n) => `IAM users, keys, Vault secrets and certificates for ${n} org(s)`,
  publish: (n) => `publishing manifests for ${n} org(s)`,
  'removed-clusters': (n) => `removing Vault access of ${n} cluster(s)`,
  teardown: (n) => `tearing down ${n} unused org(s)`,
  state: () => 'saving state',
};

type Paint = (c: keyof typeof PAINT, text: string) => string;

/** The mark before a human-readable log line: a red cross for errors, a yellow bang for warnings. */
function levelPrefix(level: LogLevel, paint: Paint): string {
  if (level === 'error') return `${paint('red', '✗')} `;
  if (level === 'warn') return `${paint('yellow', '!')} `;
  return '  ';
}

export function createRunLog(io: CliIO, options: { json?: boolean } = {}): RunLog {
  const structured = isStructured(io, options);
  const envSecrets = SECRET_ENV.map((name) => io.env[name]);
  const color = !structured && colorAllowed(io);
  const paint: Paint = (c, text) => (color ? `${PAINT[c]}${text}${PAINT.reset}` : text);
  const emit = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    if (structured) {
      // Redacted before and after encoding: a secret with characters JSON escapes is still caught verbatim.
      io.stderr(`${redact(JSON.stringify({ level, msg: redact(message, envSecrets), ...fields }), envSecrets)}\n`);
    } else {
      const prefix = levelPrefix(level, paint);
      io.stderr(`${prefix}${redact(message, envSecrets)}\n`);
    }
  };
  return {
    structured,
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    applyEvent(event) {
      switch (event.type) {
        case 'step':
          // Orgs run concurrently, so each line names its org ('*' is zonesmith's own state).
          emit(
            'info',
            `${structured ? '' : `  ${paint('green', '✓')} `}${event.org === '*' ? 'state' : event.org} ${event.kind} ${event.detail}`.trimEnd(),
            { event: 'step', org: event.org, kind: event.kind },
          );
          return;
        case 'error':
          emit(
            'error',
            `${event.org} ${event.kind} failed: ${event.message}; the org's remaining steps wait for the next apply, which retries from here`,
            { event: 'step-failed', org: event.org, kind: event.kind },
          );
          return;
        case 'phase':
          if (event.status === 'start')
            emit(
              'info',
              structured
                ? PHASE_TITLE[event.phase](event.total)
                : paint('cyan', `${PHASE_TITLE[event.phase](event.total)}…`),
              { event: 'phase-start', phase: event.phase, total: event.total },
            );
          else if (structured)
            emit('info', `${event.phase} done`, { event: 'phase-end', phase: event.phase, total: event.total });
          return;
        case 'org':
          emit('info', `[${event.index}/${event.total}] org ${event.org}: ${event.changes} change(s)`, {
            event: 'org',
            org: event.org,
            index: event.index,
            total: event.total,
            changes: event.changes,
          });
          return;
        case 'publish': {
          const failed = event.outcome === 'failed';
          const text = `publishing ${event.index}/${event.total} repos: ${event.repo} ${event.branch} — ${event.outcome}${event.url ? ` ${event.url}` : ''}${failed ? '; see the failure below' : ''}`;
          emit(failed ? 'error' : 'info', text, {
            event: 'publish',
            repo: event.repo,
            branch: event.branch,
            clusters: event.clusters,
            outcome: event.outcome,
            ...(event.url ? { url: event.url } : {}),
            index: event.index,
            total: event.total,
          });
          return;
        }
      }
    },
  };
}

/**
 * An io whose stderr text becomes log lines: for code that prints plain lines (config errors from loadDesired)
 * when the run's output must stay structured. stdout is passed through.
 */
export function logIO(io: CliIO, log: RunLog, fields: Record<string, unknown>): CliIO {
  if (!log.structured) return io;
  return {
    ...io,
    stderr: (text) => {
      for (const line of text.split('\n')) if (line.trim()) log.error(line, fields);
    },
  };
}
