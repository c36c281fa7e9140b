/** `runRender` end to end on a temp directory: config file in, cluster folders out, warnings on stderr. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { CliIO } from '../../generator/commands/io.js';
import { runRender } from '../../generator/commands/render.js';
import { HEADER_LINE } from '../../generator/render/folder-files.js';
import { FIXTURE_CONFIG } from './fixture.js';

let dir: string;
let out: { stdout: string; stderr: string };

function io(): CliIO {
  out = { stdout: '', stderr: '' };
  return {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    env: {},
    cwd: dir,
    isTTY: false,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zonesmith-render-'));
  writeFileSync(join(dir, 'orgs.yaml'), YAML.stringify(FIXTURE_CONFIG));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const prodDir = (): string => join(dir, 'out', 'acme', 'gitops-prod', 'clusters', 'prod', 'zonesmith');

describe('zonesmith render', () => {
  it('writes every cluster folder under <out>/<owner>/<repo>/<folder> and warns about unknown zone ids', async () => {
    const code = await runRender({ config: 'orgs.yaml', out: 'out' }, io());
    expect(code).toBe(0);
    expect(readFileSync(join(prodDir(), 'kustomization.yaml'), 'utf8')).toContain('- deployment-external-dns.yaml');
    expect(existsSync(join(dir, 'out', 'globex', 'clusters', 'k8s', 'edge', 'dns', 'secret-tls-api.yaml'))).toBe(true);
    expect(
      existsSync(join(dir, 'out', 'acme', 'gitops', 'clusters', 'staging', 'zonesmith', 'argocd-application.yaml')),
    ).toBe(true);
    expect(out.stderr).toContain('warning: org acme: zone id of acme.platform.example.com is unknown');
    expect(out.stderr).toContain('warning: org globex:');
    expect(readFileSync(join(prodDir(), 'deployment-external-dns.yaml'), 'utf8')).toContain(
      '--zone-id-filter=PENDING-ZONE-ID',
    );
    expect(out.stdout).toContain('rendered acme/prod → out/acme/gitops-prod/clusters/prod/zonesmith (13 files)');
  });

  it('uses observed zone ids and warns only for the orgs still unknown', async () => {
    const code = await runRender({ config: 'orgs.yaml', out: 'out' }, io(), {
      lookupZoneIds: async () => ({ acme: 'Z0ACMEOBSERVED000001' }),
    });
    expect(code).toBe(0);
    expect(readFileSync(join(prodDir(), 'deployment-external-dns.yaml'), 'utf8')).toContain(
      '--zone-id-filter=Z0ACMEOBSERVED000001',
    );
    expect(out.stderr).not.toContain('org acme');
    expect(out.stderr).toContain('org globex');
  });

  it('falls back to placeholders with a warning when the lookup fails, without echoing the error text', async () => {
    const code = await runRender({ config: 'orgs.yaml', out: 'out' }, io(), {
      lookupZoneIds: async () => {
        throw new Error('token=very-secret-value');
      },
    });
    expect(code).toBe(0);
    expect(out.stderr).toContain('zone ids could not be observed');
    expect(out.stderr).not.toContain('very-secret-value');
  });

  it('--json prints the written folders and warnings', async () => {
    const code = await runRender({ config: 'orgs.yaml', out: 'out', json: true }, io());
    expect(code).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report.clusters.map((c: { key: string }) => c.key)).toEqual([
      'acme/prod',
      'acme/staging',
      'globex/edge',
      'globex/lab',
    ]);
    expect(report.warnings).toHaveLength(2);
  });

  it('removes files it wrote before that are no longer rendered, and keeps files it did not write', async () => {
    mkdirSync(prodDir(), { recursive: true });
    writeFileSync(
      join(prodDir(), 'externalsecret-tls-old.yaml'),
      `${HEADER_LINE}\n# org: acme, cluster: prod\nkind: ExternalSecret\n`,
    );
    writeFileSync(join(prodDir(), 'notes.yaml'), 'kind: ConfigMap\n');
    const code = await runRender({ config: 'orgs.yaml', out: 'out' }, io());
    expect(code).toBe(0);
    expect(existsSync(join(prodDir(), 'externalsecret-tls-old.yaml'))).toBe(false);
    expect(existsSync(join(prodDir(), 'notes.yaml'))).toBe(true);
    expect(out.stdout).toContain('removed 1 stale');
  });

  it('refuses an invalid config with file:line:col errors and writes nothing', async () => {
    writeFileSync(
      join(dir, 'orgs.yaml'),
      'version: 1\ndefaults:\n  baseDomain: Not_A_Domain\n  vault: {address: "https://v.example.com"}\n',
    );
    const code = await runRender({ config: 'orgs.yaml', out: 'out' }, io());
    expect(code).toBe(1);
    expect(out.stderr).toMatch(/^orgs\.yaml:3:\d+: /m);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
