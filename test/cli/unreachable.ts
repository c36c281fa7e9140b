/** The standard environment pointing every service at a 127.0.0.1 port nothing listens on (CLI error-path tests). */
import { createServer } from 'node:net';

/** A 127.0.0.1 port nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** AWS, Vault and GitHub variables, all aimed at one closed port; the secrets are fakes the redaction must hide. */
export async function unreachableEnv(): Promise<Record<string, string>> {
  const url = `http://127.0.0.1:${await closedPort()}`;
  return {
    AWS_ENDPOINT_URL: url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAZONESMITHTEST001',
    AWS_SECRET_ACCESS_KEY: 'not-a-real-secret-but-treated-as-one-000',
    VAULT_ADDR: url,
    VAULT_TOKEN: 'hvs.unreachable-vault-token',
    GITHUB_TOKEN: 'unreachable-github-token',
    GITHUB_API_URL: url,
    GITHUB_SERVER_URL: url,
  };
}
