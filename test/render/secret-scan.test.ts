/** No rendered file carries secret material: only Secret names, Vault paths and `vault:` references. */
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { renderAll } from '../../generator/render/render-all.js';
import { FIXTURE_ZONE_IDS, fixtureDesired } from './fixture.js';

const SECRET_PATTERNS: readonly RegExp[] = [
  /AKIA[0-9A-Z]{16}/,
  /ASIA[0-9A-Z]{16}/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  // The lower-case key of ~/.aws/credentials files; the upper-case env var *name* AWS_SECRET_ACCESS_KEY is expected.
  /aws_secret/,
];

function findSecrets(text: string): string[] {
  return SECRET_PATTERNS.filter((p) => p.test(text)).map(String);
}

const { files } = renderAll(fixtureDesired(), FIXTURE_ZONE_IDS);
const all = [...files.entries()].flatMap(([key, folder]) =>
  Object.entries(folder).map(([name, text]) => ({ path: `${key}/${name}`, text })),
);

describe('secret scan of rendered files', () => {
  it('the scanner finds planted material (the check can fail)', () => {
    expect(findSecrets('key: AKIAABCDEFGHIJKLMNOP')).not.toEqual([]);
    expect(findSecrets('-----BEGIN RSA PRIVATE KEY-----\nMII...')).not.toEqual([]);
    expect(findSecrets('-----BEGIN PRIVATE KEY-----')).not.toEqual([]);
    expect(findSecrets('aws_secret_access_key = x')).not.toEqual([]);
  });

  it.each(all.map((f) => [f.path, f] as const))('%s has none', (_path, f) => {
    expect(findSecrets(f.text)).toEqual([]);
  });

  it('Secret data (Bank-Vaults) decodes to vault: references only', () => {
    const secrets = all.filter((f) => f.path.includes('/secret-'));
    expect(secrets.length).toBeGreaterThan(0);
    for (const f of secrets) {
      const obj = YAML.parse(f.text) as { data: Record<string, string> };
      for (const value of Object.values(obj.data)) {
        const decoded = Buffer.from(value, 'base64').toString('utf8');
        expect(decoded).toMatch(/^vault:[a-z0-9_-]+\/data\/[a-z0-9_/-]+#(tls\.crt|tls\.key|ca\.crt)$/);
        expect(findSecrets(decoded)).toEqual([]);
      }
    }
  });

  it('container env holds Secret references or vault: references, never literal credentials', () => {
    for (const f of all.filter((x) => x.path.endsWith('/deployment-external-dns.yaml'))) {
      const obj = YAML.parse(f.text);
      for (const env of obj.spec.template.spec.containers[0].env as {
        name: string;
        value?: string;
        valueFrom?: unknown;
      }[]) {
        if (env.name === 'AWS_REGION') continue;
        if (env.value !== undefined) expect(env.value).toMatch(/^vault:/);
        else expect(env.valueFrom).toMatchObject({ secretKeyRef: { name: 'external-dns-aws', key: env.name } });
      }
    }
  });
});
