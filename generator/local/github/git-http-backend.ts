/**
 * Bridges one smart-HTTP request to the real `git http-backend` (CGI). The request body is streamed to its
 * stdin (gzip bodies included: git inflates them itself when told the Content-Encoding); its CGI headers
 * (with `Status:`) become the HTTP status and headers, and the rest of its stdout is streamed back.
 */
import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serverGitEnv } from './git-cli.js';

export interface GitHttpRequest {
  /** Directory holding `<owner>/<name>.git`. */
  readonly projectRoot: string;
  /** e.g. `/acme/infra.git/info/refs` */
  readonly pathInfo: string;
  readonly queryString: string;
  /** The authenticated login (git records it as the pusher). */
  readonly remoteUser: string;
  /**
   * Runs after the backend has exited and before the response ends, so whatever it records (stats) is
   * visible to the client as soon as its git command returns.
   */
  readonly beforeEnd?: (status: number) => Promise<void>;
}

/** Offset just past the blank line that ends CGI headers (CRLF or bare LF, whichever comes first); -1 if none yet. */
function headerEnd(text: string): number {
  const crlf = text.indexOf('\r\n\r\n');
  const lf = text.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return crlf + 4;
  if (lf >= 0) return lf + 2;
  return -1;
}

/** Resolves with the HTTP status once the response has ended. */
export function serveGitHttp(req: IncomingMessage, res: ServerResponse, request: GitHttpRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const header = (name: string): string => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : (value ?? '');
    };
    const env = serverGitEnv({
      GIT_PROJECT_ROOT: request.projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_PROTOCOL: 'HTTP/1.1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: request.pathInfo,
      QUERY_STRING: request.queryString,
      CONTENT_TYPE: header('content-type'),
      REMOTE_USER: request.remoteUser,
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      ...(header('content-length') ? { CONTENT_LENGTH: header('content-length') } : {}),
      ...(header('content-encoding') ? { HTTP_CONTENT_ENCODING: header('content-encoding') } : {}),
      ...(header('git-protocol') ? { HTTP_GIT_PROTOCOL: header('git-protocol') } : {}),
    });
    const child = spawn('git', ['http-backend'], { env, stdio: 'pipe' });
    let headerBuffer = Buffer.alloc(0);
    let headersSent = false;
    let status = 200;

    child.on('error', reject);
    child.stderr.resume(); // diagnostics only; never echoed (they could name paths, never tokens)
    req.pipe(child.stdin);
    child.stdin.on('error', () => undefined); // the backend may stop reading early on an error answer

    child.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) {
        res.write(chunk);
        return;
      }
      headerBuffer = Buffer.concat([headerBuffer, chunk]);
      const text = headerBuffer.toString('latin1');
      const end = headerEnd(text);
      if (end < 0) return;
      for (const line of text.slice(0, end).split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
        else res.setHeader(name, value);
      }
      res.statusCode = status;
      headersSent = true;
      const rest = headerBuffer.subarray(end);
      if (rest.length > 0) res.write(rest);
    });

    child.on('close', (code) => {
      if (!headersSent) status = 500;
      const finish = (): void => {
        if (!headersSent) {
          res.statusCode = status;
          res.setHeader('content-type', 'text/plain');
          res.end(`git http-backend failed (${code ?? 'signal'})\n`);
        } else {
          res.end();
        }
        resolve(status);
      };
      (request.beforeEnd ? request.beforeEnd(status) : Promise.resolve()).then(finish, (error: unknown) => {
        finish();
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes beforeEnd's own rejection on unchanged
        reject(error);
      });
    });
  });
}
