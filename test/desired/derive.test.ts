/** Table tests for deriveDesired on plain data: names, cascades, repos, branches, Vault paths, determinism. */
import { describe, expect, it } from 'vitest';
import { deriveDesired, resolveRepo, type GitEnvironment } from '../../generator/desired/derive.js';
import { ConfigSchema, type ConfigInput } from '../../generator/model/config.js';

type OrgInput = NonNullable<ConfigInput['orgs']>[number];
type ClusterInput = NonNullable<OrgInput['clusters']>[number];

function config(orgs: OrgInput[], defaults: Partial<ConfigInput['defaults']> = {}) {
  return ConfigSchema.parse({
    version: 1,
    defaults: {
      baseDomain: 'platform.example.com',
      vault: { address: 'https://vault.platform.example.com/' },
      ...defaults,
    },
    orgs,
  });
}

function cluster(name: string, extra: Partial<ClusterInput> = {}): ClusterInput {
  return { name, cloud: 'aws', repo: 'acme/gitops-prod', ...extra };
}

function only(orgs: OrgInput[], defaults: Partial<ConfigInput['defaults']> = {}, env: GitEnvironment = {}) {
  const state = deriveDesired(config(orgs, defaults), env);
  return { state, org: state.orgs[0]!, cluster: state.orgs[0]!.clusters[0]! };
}

describe('org names', () => {
  const long53 = `${'long-org-name-'.repeat(3)}xxxxxxxxxxx`; // 53 characters, the longest whose namespace needs no hash
  it.each([
    ['acme', 'acme.platform.example.com', 'zonesmith-acme', 'zonesmith-acme'],
    ['0', '0.platform.example.com', 'zonesmith-0', 'zonesmith-0'],
    ['a--b', 'a--b.platform.example.com', 'zonesmith-a--b', 'zonesmith-a--b'],
    ['xn--bcher-kva', 'xn--bcher-kva.platform.example.com', 'zonesmith-xn--bcher-kva', 'zonesmith-xn--bcher-kva'],
    [long53, `${long53}.platform.example.com`, `zonesmith-${long53}`, `zonesmith-${long53}`],
  ])('%s → zone, IAM user, namespace', (name, zone, user, namespace) => {
    const { org, cluster: c } = only([{ name, clusters: [cluster('prod')] }]);
    expect(org.zoneName).toBe(zone);
    expect(org.iam).toEqual({
      path: '/zonesmith/',
      userName: user,
      policyName: `zonesmith-${name}-route53`,
      recordTypes: ['A', 'AAAA', 'CNAME', 'TXT'],
    });
    expect(org.iam.userName.length).toBeLessThanOrEqual(64);
    expect(c.namespace).toBe(namespace);
    expect(c.namespace.length).toBeLessThanOrEqual(63);
    expect(c.externalDns.ownerId).toBe(`zonesmith.${name}.prod`);
    expect(c.key).toBe(`${name}/prod`);
  });

  it('shortens a 63-character org to an IAM user of 64 and a namespace of 63 characters, with hash suffixes', () => {
    const { org, cluster: c } = only([{ name: 'o'.repeat(63), clusters: [cluster('prod')] }]);
    expect(org.iam.userName).toMatch(/^zonesmith-o+-[0-9a-f]{8}$/);
    expect(org.iam.userName.length).toBe(64);
    expect(c.namespace).toMatch(/^zonesmith-o+-[0-9a-f]{8}$/);
    expect(c.namespace.length).toBe(63);
  });
});

describe('settings cascade: built-in → defaults → org → cluster', () => {
  it.each([
    {
      title: 'built-ins when nothing is set',
      defaults: {},
      org: {},
      cl: {},
      edns: { policy: 'upsert-only', sources: ['service', 'ingress'], interval: '1m' },
      mechanism: 'external-secrets',
    },
    {
      title: 'defaults over built-ins',
      defaults: { externalDns: { policy: 'sync' }, secrets: { mechanism: 'bank-vaults' } },
      org: {},
      cl: {},
      edns: { policy: 'sync', sources: ['service', 'ingress'], interval: '1m' },
      mechanism: 'bank-vaults',
    },
    {
      title: 'org over defaults, field by field',
      defaults: { externalDns: { policy: 'sync', interval: '2m' } },
      org: { externalDns: { interval: '5m' }, secrets: { mechanism: 'bank-vaults' } },
      cl: {},
      edns: { policy: 'sync', sources: ['service', 'ingress'], interval: '5m' },
      mechanism: 'bank-vaults',
    },
    {
      title: 'cluster over org',
      defaults: { secrets: { mechanism: 'bank-vaults' } },
      org: { externalDns: { interval: '5m', sources: ['ingress'] } },
      cl: { externalDns: { sources: ['service', 'crd'] }, secrets: { mechanism: 'external-secrets' } },
      edns: { policy: 'upsert-only', sources: ['service', 'crd'], interval: '5m' },
      mechanism: 'external-secrets',
    },
  ] as const)('$title', ({ defaults, org, cl, edns, mechanism }) => {
    const { cluster: c } = only(
      [{ name: 'acme', ...(org as Partial<OrgInput>), clusters: [cluster('prod', cl as Partial<ClusterInput>)] }],
      defaults,
    );
    expect({ policy: c.externalDns.policy, sources: c.externalDns.sources, interval: c.externalDns.interval }).toEqual(
      edns,
    );
    expect(c.secrets.mechanism).toBe(mechanism);
    expect(c.secrets.serviceAccount).toBe(mechanism === 'bank-vaults' ? 'external-dns' : 'zonesmith-vault');
  });

  it('cascades TLS timing defaults → org → certificate', () => {
    const { state } = only(
      [
        { name: 'a', certificates: [{ name: 'web', hosts: ['a.platform.example.com'] }] },
        {
          name: 'b',
          tls: { validityDays: 180, caValidityDays: 730 },
          certificates: [
            { name: 'web', hosts: ['b.platform.example.com'], validityDays: 45 },
            { name: 'api', hosts: ['api.b.platform.example.com'] },
          ],
        },
      ],
      { tls: { renewBeforeDays: 20 } },
    );
    const [a, b] = state.orgs;
    expect(a!.tls.caValidityDays).toBe(3650);
    expect(a!.tls.certificates.map((c) => [c.name, c.validityDays, c.renewBeforeDays])).toEqual([['web', 90, 20]]);
    expect(b!.tls.caValidityDays).toBe(730);
    expect(b!.tls.certificates.map((c) => [c.name, c.validityDays, c.renewBeforeDays])).toEqual([
      ['api', 180, 20],
      ['web', 45, 20],
    ]);
  });

  it("takes the org's record types over the defaults' over the built-in ones, sorted and unique", () => {
    const { state } = only([{ name: 'a' }, { name: 'b', recordTypes: ['TXT', 'MX', 'A', 'MX'] }], {
      recordTypes: ['TXT', 'A', 'CAA'],
    });
    expect(state.orgs.map((o) => o.iam.recordTypes)).toEqual([
      ['A', 'CAA', 'TXT'],
      ['A', 'MX', 'TXT'],
    ]);
    expect(only([{ name: 'c' }]).org.iam.recordTypes).toEqual(['A', 'AAAA', 'CNAME', 'TXT']);
  });
});

describe('repositories', () => {
  it.each([
    {
      title: 'owner/name on github.com',
      repo: 'acme/gitops',
      defaults: {},
      env: {},
      server: 'https://github.com',
      api: 'https://api.github.com',
      slug: 'acme/gitops',
    },
    {
      title: 'owner/name on GitHub Enterprise from GITHUB_SERVER_URL',
      repo: 'acme/gitops',
      defaults: {},
      env: { GITHUB_SERVER_URL: 'https://ghe.example.com/' },
      server: 'https://ghe.example.com',
      api: 'https://ghe.example.com/api/v3',
      slug: 'acme/gitops',
    },
    {
      title: 'GITHUB_API_URL taken as given',
      repo: 'acme/gitops',
      defaults: {},
      env: { GITHUB_SERVER_URL: 'https://ghe.example.com', GITHUB_API_URL: 'https://api.ghe.example.com' },
      server: 'https://ghe.example.com',
      api: 'https://api.ghe.example.com',
      slug: 'acme/gitops',
    },
    {
      title: 'config serverUrl wins over the environment',
      repo: 'acme/gitops',
      defaults: { git: { serverUrl: 'https://git.corp.example' } },
      env: { GITHUB_SERVER_URL: 'https://ghe.example.com' },
      server: 'https://git.corp.example',
      api: 'https://git.corp.example/api/v3',
      slug: 'acme/gitops',
    },
    {
      title: 'a full URL keeps its own server',
      repo: 'https://other.example.net/team/repo.git',
      defaults: {},
      env: { GITHUB_SERVER_URL: 'https://ghe.example.com' },
      server: 'https://other.example.net',
      api: 'https://ghe.example.com/api/v3',
      slug: 'team/repo',
    },
  ])('$title', ({ repo, defaults, env, server, api, slug }) => {
    const { state, cluster: c } = only([{ name: 'acme', clusters: [cluster('prod', { repo })] }], defaults, env);
    expect(c.repo.serverUrl).toBe(server);
    expect(c.repo.slug).toBe(slug);
    expect(c.repo.key).toBe(`${server}/${slug}`.toLowerCase());
    expect(state.git.apiUrl).toBe(api);
  });

  it('gives owner/name and the same repository as a URL one key, whatever the case', () => {
    expect(resolveRepo('Acme/GitOps', 'https://github.com').key).toBe(
      resolveRepo('https://github.com/acme/gitops.git', 'https://github.com').key,
    );
  });
});

describe('branches, folders and Vault paths', () => {
  it.each([
    { title: 'per cluster (default)', git: {}, branches: ['zonesmith/acme/edge', 'zonesmith/acme/prod'] },
    {
      title: 'per cluster, custom prefix',
      git: { branchPrefix: 'bots/dns-' },
      branches: ['bots/dns-acme/edge', 'bots/dns-acme/prod'],
    },
    { title: 'per repository', git: { branchPer: 'repo' }, branches: ['zonesmith/all', 'zonesmith/all'] },
  ] as const)('branch $title', ({ git, branches }) => {
    const { org } = only([{ name: 'acme', clusters: [cluster('prod'), cluster('edge', { folder: 'dns/edge' })] }], {
      git,
    });
    expect(org.clusters.map((c) => c.branch)).toEqual(branches);
  });

  it('uses defaults for folder, base branch, sync and auth mount, and takes overrides', () => {
    const { org } = only([
      {
        name: 'acme',
        clusters: [
          cluster('prod'),
          cluster('edge', { folder: 'k8s/edge', baseBranch: 'develop', sync: 'flux', vaultAuthMount: 'k8s-edge' }),
        ],
      },
    ]);
    const [edge, prod] = org.clusters;
    expect([prod!.folder, prod!.baseBranch, prod!.sync, prod!.secrets.authMount]).toEqual([
      'clusters/prod/zonesmith',
      'main',
      'plain',
      'kubernetes-acme-prod',
    ]);
    expect([edge!.folder, edge!.baseBranch, edge!.sync, edge!.secrets.authMount]).toEqual([
      'k8s/edge',
      'develop',
      'flux',
      'k8s-edge',
    ]);
  });

  it.each([
    { vault: { address: 'https://vault.platform.example.com/' }, base: 'zonesmith/orgs/acme', mount: 'secret' },
    {
      vault: { address: 'https://vault.platform.example.com', mount: 'kv', prefix: 'platform/dns' },
      base: 'platform/dns/orgs/acme',
      mount: 'kv',
    },
  ])('Vault paths under $base', ({ vault, base, mount }) => {
    const {
      state,
      org,
      cluster: c,
    } = only(
      [
        {
          name: 'acme',
          clusters: [cluster('prod')],
          certificates: [{ name: 'web', hosts: ['acme.platform.example.com'] }],
        },
      ],
      { vault },
    );
    expect(state.vault).toEqual({
      address: 'https://vault.platform.example.com',
      mount,
      prefix: base.replace(/\/orgs\/acme$/, ''),
    });
    expect(org.vault).toEqual({ basePath: base, route53Path: `${base}/route53`, caPath: `${base}/tls/ca` });
    expect(org.tls.certificates[0]).toMatchObject({ vaultPath: `${base}/tls/web`, secretName: 'tls-web' });
    expect(c.secrets).toMatchObject({
      kvMount: mount,
      route53Path: `${base}/route53`,
      role: 'zonesmith.acme.prod',
      policyName: 'zonesmith.acme.prod',
      vaultAddress: 'https://vault.platform.example.com',
    });
  });
});

describe('determinism', () => {
  const orgs: OrgInput[] = [
    { name: 'zeta', clusters: [cluster('b', { repo: 'z/r' }), cluster('a', { repo: 'z/r', folder: 'x' })] },
    {
      name: 'acme',
      certificates: [
        {
          name: 'web',
          hosts: ['WWW.acme.platform.example.com', 'acme.platform.example.com', 'www.acme.platform.example.com'],
        },
        { name: 'api', hosts: ['api.acme.platform.example.com'] },
      ],
    },
  ];

  it('derives deep-equal output from the same config', () => {
    expect(deriveDesired(config(orgs))).toEqual(deriveDesired(config(orgs)));
  });

  it('sorts orgs, clusters and certificates by name and de-duplicates lower-cased hosts', () => {
    const state = deriveDesired(config(orgs));
    expect(state.orgs.map((o) => o.name)).toEqual(['acme', 'zeta']);
    expect(state.orgs[1]!.clusters.map((c) => c.name)).toEqual(['a', 'b']);
    expect(state.orgs[0]!.tls.certificates.map((c) => c.name)).toEqual(['api', 'web']);
    expect(state.orgs[0]!.tls.certificates[1]!.hosts).toEqual([
      'acme.platform.example.com',
      'www.acme.platform.example.com',
    ]);
  });

  it('does not depend on the order of the input', () => {
    const reversed = [...orgs].reverse().map((o) => ({
      ...o,
      clusters: [...(o.clusters ?? [])].reverse(),
      certificates: [...(o.certificates ?? [])].reverse(),
    }));
    expect(deriveDesired(config(reversed))).toEqual(deriveDesired(config(orgs)));
  });
});
