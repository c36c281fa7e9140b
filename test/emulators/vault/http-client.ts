/**
 * Test-only raw HTTP client for the Vault emulator: any verb (LIST included — Node's http client sends custom
 * verbs, only its server refuses them), JSON in and out. Records every response so tests can check shapes.
 */
import http from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface RecordedCall extends RawResponse {
  readonly method: string;
  /** Below /v1/, without query. */
  readonly path: string;
}

export function createRawClient(baseUrl: string, token: string | undefined, recorded: RecordedCall[] = []) {
  return function request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<RawResponse> {
    const url = new URL(`/v1/${path}`, baseUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method,
          headers: {
            ...(token ? { 'X-Vault-Token': token } : {}),
            ...(payload
              ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) }
              : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const result = {
              status: res.statusCode ?? 0,
              body: text === '' ? undefined : (JSON.parse(text) as unknown),
            };
            recorded.push({ method, path: path.split('?')[0]!, ...result });
            resolve(result);
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  };
}
