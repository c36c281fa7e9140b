/**
 * A tiny HTTP server on 127.0.0.1 that records every request's method, path and Authorization header. With a
 * target it forwards each request there (a recording reverse proxy in front of an emulator); without, it answers
 * 404 to everything (a server that only wants to see what it is sent).
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | null;
}

export interface RecordingServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startRecordingServer(target?: string): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const forward = target ? new URL(target) : null;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      authorization: req.headers.authorization ?? null,
    });
    if (!forward) {
      res.statusCode = 404;
      res.end('not here\n');
      return;
    }
    const upstream = httpRequest(
      {
        host: forward.hostname,
        port: forward.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: forward.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Every form a token takes on the wire: raw (REST `token …`) and in git's Basic header. */
export function wireForms(token: string): string[] {
  return [token, Buffer.from(`x-access-token:${token}`).toString('base64')];
}
