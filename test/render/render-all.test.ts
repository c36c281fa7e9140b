import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../generator/model/config.js';
import { deriveDesired } from '../../generator/desired/derive.js';
import { PENDING_ZONE_ID, renderAll } from '../../generator/render/render-all.js';
import { layoutFolders } from '../../generator/render/write-folders.js';
import { FIXTURE_CONFIG, fixtureDesired } from './fixture.js';

describe('renderAll', () => {
  it('renders every cluster, keyed org/cluster, in desired order', () => {
    const { files } = renderAll(fixtureDesired(), { acme: 'Z1', globex: 'Z2' });
    expect([...files.keys()]).toEqual(['acme/prod', 'acme/staging', 'globex/edge', 'globex/lab']);
  });

  it('one warning per org without a zone id; its clusters carry the placeholder, the others the real id', () => {
    const { files, warnings } = renderAll(fixtureDesired(), { acme: 'Z0ACME00000000000001' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^org globex: zone id of globex\.platform\.example\.com is unknown; 2 cluster\(s\)/);
    expect(files.get('globex/edge')!['deployment-external-dns.yaml']).toContain(`--zone-id-filter=${PENDING_ZONE_ID}`);
    expect(files.get('acme/prod')!['deployment-external-dns.yaml']).toContain('--zone-id-filter=Z0ACME00000000000001');
    expect(files.get('acme/prod')!['deployment-external-dns.yaml']).not.toContain(PENDING_ZONE_ID);
  });

  it('skips orgs without clusters (scheduled for teardown)', () => {
    const config = ConfigSchema.parse({ ...FIXTURE_CONFIG, orgs: [...FIXTURE_CONFIG.orgs, { name: 'initech' }] });
    const { files, warnings } = renderAll(deriveDesired(config, {}), { acme: 'Z1', globex: 'Z2' });
    expect([...files.keys()].some((k) => k.startsWith('initech/'))).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('every YAML file starts with the managed-by header naming org and cluster; the README says where to change things', () => {
    const { files } = renderAll(fixtureDesired(), { acme: 'Z1', globex: 'Z2' });
    for (const [key, folder] of files) {
      const [org, cluster] = key.split('/');
      for (const [name, text] of Object.entries(folder)) {
        if (name.endsWith('.yaml'))
          expect(
            text.startsWith(
              `# Managed by zonesmith — do not edit; change orgs.yaml instead.\n# org: ${org}, cluster: ${cluster}\n`,
            ),
            `${key}/${name}`,
          ).toBe(true);
      }
      expect(folder['README.md']).toContain('orgs.yaml');
    }
  });

  it('lists every resource file in kustomization.yaml, sorted, and never the glue', () => {
    const { files } = renderAll(fixtureDesired(), { acme: 'Z1', globex: 'Z2' });
    for (const folder of files.values()) {
      const listed = folder['kustomization.yaml']!.split('\n')
        .filter((l) => l.startsWith('  - '))
        .map((l) => l.slice(4));
      const expected = Object.keys(folder).filter(
        (n) =>
          n.endsWith('.yaml') &&
          !['kustomization.yaml', 'flux-kustomization.yaml', 'argocd-application.yaml'].includes(n),
      );
      expect(listed).toEqual([...expected].sort());
    }
    expect(Object.keys(files.get('acme/prod')!)).toContain('flux-kustomization.yaml');
    expect(Object.keys(files.get('acme/staging')!)).toContain('argocd-application.yaml');
    expect(Object.keys(files.get('globex/edge')!).filter((n) => /flux|argocd/.test(n))).toEqual([]);
  });
});

describe('Argo CD glue', () => {
  it('ignores Secret data only where Bank-Vaults mutates TLS Secrets (ESO clusters keep the full diff)', () => {
    const { files } = renderAll(fixtureDesired(), { acme: 'Z1', globex: 'Z2' });
    const eso = files.get('acme/staging')!['argocd-application.yaml']!;
    const bankVaults = files.get('globex/lab')!['argocd-application.yaml']!;
    expect(eso).not.toContain('ignoreDifferences');
    expect(eso).not.toContain('RespectIgnoreDifferences');
    expect(bankVaults).toContain('ignoreDifferences:');
    expect(bankVaults).toContain('- RespectIgnoreDifferences=true');
    expect(bankVaults).toContain('namespace: zonesmith-globex');
  });
});

describe('layoutFolders', () => {
  it('refuses two clusters that land in one output folder (same owner/name on two servers)', () => {
    const config = ConfigSchema.parse({
      ...FIXTURE_CONFIG,
      orgs: [
        { name: 'a', clusters: [{ name: 'prod', cloud: 'aws', repo: 'https://github.com/team/gitops' }] },
        { name: 'b', clusters: [{ name: 'prod', cloud: 'aws', repo: 'https://ghe.example.com/team/gitops' }] },
      ],
    });
    const desired = deriveDesired(config, {});
    const { files } = renderAll(desired, {});
    const layout = layoutFolders(desired, '/out', files);
    expect(layout).toEqual({
      type: 'collision',
      dir: '/out/team/gitops/clusters/prod/zonesmith',
      keys: ['a/prod', 'b/prod'],
    });
  });
});
