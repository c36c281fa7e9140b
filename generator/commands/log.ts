/**
 * Run output: readable lines on a terminal, one JSON object a line in CI or with --json. Every line passes the
 * redaction helper first, so no secret reaches a log even by mistake.
 */
import type { ApplyEvent } from '../apply/context.js';
import { redactSecrets } from '../adapters/git/redact.js';
import type { CliIO } from './io.js';

export type LogLevel = 'info' | 'warn' | 'error';

export interface RunLog {
  readonly structured: boolean;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  applyEvent(event: ApplyEvent): void;
}

const AWS_KEY = /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g;

export function redact(text: string): string {
  return redactSecrets(text).replace(AWS_KEY, '$1****************');
}

export function createRunLog(io: CliIO, options: { json?: boolean } = {}): RunLog {
  const structured = Boolean(options.json) || io.env.CI === 'true' || !io.isTTY;
  const emit = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    if (structured) {
      const line = redact(JSON.stringify({ level, msg: message, ...fields }));
      (level === 'info' ? io.stderr : io.stderr)(`${line}\n`);
    } else {
      const prefix = level === 'error' ? '\x1b[31m✗\x1b[0m ' : level === 'warn' ? '\x1b[33m!\x1b[0m ' : '  ';
      io.stderr(`${prefix}${redact(message)}\n`);
    }
  };
  return {
    structured,
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    applyEvent(event) {
      if (event.type === 'step') emit('info', `${structured ? '' : '\x1b[32m✓\x1b[0m '}${event.org} ${event.kind} ${event.detail}`, { event: 'step', org: event.org, kind: event.kind });
      else emit('error', `${event.org} ${event.kind} failed: ${event.message}`, { event: 'step-failed', org: event.org, kind: event.kind });
    },
  };
}
