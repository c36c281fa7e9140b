/**
 * How a command ends in error. The message goes to the log (stderr); with `--json`, stdout also receives exactly
 * one JSON document `{ result: 'error', code, message, ... }`, so a caller that parses stdout always gets JSON.
 * `code` is the same stable name as the log line's `event`.
 */
import { EXIT, type CliIO } from './io.js';
import { redact, SECRET_ENV, type RunLog } from './log.js';

export type Fail = (code: string, message: string, extra?: Record<string, unknown>, exit?: number) => number;

export function failer(io: CliIO, log: RunLog, json: boolean | undefined): Fail {
  return (code, message, extra = {}, exit = EXIT.error) => {
    log.error(message, { event: code });
    if (json) io.stdout(jsonError(io, code, message, extra));
    return exit;
  };
}

/** The JSON error document, redacted like every log line. */
export function jsonError(io: CliIO, code: string, message: string, extra: Record<string, unknown> = {}): string {
  const secrets = SECRET_ENV.map((name) => io.env[name]);
  return `${redact(JSON.stringify({ result: 'error', code, message: redact(message, secrets), ...extra }, null, 2), secrets)}\n`;
}
