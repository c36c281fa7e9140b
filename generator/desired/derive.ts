/**
 * Config → DesiredState. Pure: no I/O, no clock; the GitHub server comes from config or the environment
 * passed in. Settings cascade defaults → org → cluster, then BUILTIN.
 */
import { DNS_PLUGINS } from '../providers/registry.js';
import { BUILTIN, type ClusterConfig, type Config, type OrgConfig } from '../model/config.js';
import {
  EXTERNAL_DNS_IMAGE,
  IAM_PATH,
  type DesiredCertificate,
  type DesiredCluster,
  type DesiredOrg,
  type DesiredState,
  type RepoRef,
} from '../model/desired.js';
import {
  clusterBranch,
  clusterIdentity,
  defaultAuthMount,
  defaultFolder,
  iamPolicyName,
  iamUserName,
  orgNamespace,
  orgVaultBase,
  repoBranch,
  zoneName,
} from './names.js';
import { compareStrings } from '../util/compare.js';

export interface GitEnvironment {
  readonly GITHUB_SERVER_URL?: string;
  readonly GITHUB_API_URL?: string;
}

export function resolveGitServer(config: Config, env: GitEnvironment): { serverUrl: string; apiUrl: string } {
  const serverUrl = trimSlash(config.defaults.git.serverUrl ?? env.GITHUB_SERVER_URL ?? 'https://github.com');
  const apiUrl = trimSlash(
    config.defaults.git.apiUrl ??
      env.GITHUB_API_URL ??
      (serverUrl === 'https://github.com' ? 'https://api.github.com' : `${serverUrl}/api/v3`),
  );
  return { serverUrl, apiUrl };
}

export function resolveRepo(spec: string, serverUrl: string): RepoRef {
  let server = serverUrl;
  let path = spec;
  const url = /^(https?:\/\/.+?)\/([^/]+\/[^/]+?)(\.git)?$/.exec(spec);
  if (url) {
    server = url[1]!;
    path = url[2]!;
  }
  const [owner, name] = path.split('/') as [string, string];
  server = trimSlash(server);
  return { serverUrl: server, owner, name, slug: `${owner}/${name}`, key: `${server}/${owner}/${name}`.toLowerCase() };
}

export function deriveDesired(config: Config, env: GitEnvironment = {}): DesiredState {
  const git = { ...config.defaults.git, ...resolveGitServer(config, env) };
  const orgs = [...config.orgs]
    .sort(byName)
    .map((org) => deriveOrg(config, org, git.serverUrl, git.branchPrefix, git.branchPer));
  return {
    formatVersion: 1,
    dnsProvider: config.defaults.dns.provider,
    baseDomain: config.defaults.baseDomain,
    ...(config.defaults.baseZoneId ? { baseZoneId: config.defaults.baseZoneId } : {}),
    awsRegion: config.defaults.aws.region,
    vault: {
      address: trimSlash(config.defaults.vault.address),
      mount: config.defaults.vault.mount,
      prefix: config.defaults.vault.prefix,
      ...(config.defaults.vault.movedFrom
        ? {
            movedFrom: {
              mount: config.defaults.vault.movedFrom.mount ?? config.defaults.vault.mount,
              prefix: config.defaults.vault.movedFrom.prefix ?? config.defaults.vault.prefix,
            },
          }
        : {}),
    },
    orgs,
    deletion: config.defaults.deletion,
    accessKeys: config.defaults.accessKeys,
    git,
  };
}

function deriveOrg(
  config: Config,
  org: OrgConfig,
  serverUrl: string,
  branchPrefix: string,
  branchPer: 'cluster' | 'repo',
): DesiredOrg {
  const d = config.defaults;
  const zone = zoneName(org.name, d.baseDomain);
  const base = orgVaultBase(d.vault.prefix, org.name);
  const tls = { ...BUILTIN.tls, ...defined(d.tls), ...defined(org.tls) };
  const certificates: DesiredCertificate[] = [...org.certificates].sort(byName).map((c) => ({
    name: c.name,
    hosts: [...new Set(c.hosts.map((h) => h.toLowerCase()))].sort(),
    validityDays: c.validityDays ?? tls.validityDays,
    renewBeforeDays: tls.renewBeforeDays,
    vaultPath: `${base}/tls/${c.name}`,
    secretName: `tls-${c.name}`,
  }));
  const clusters = [...org.clusters].sort(byName).map((c) =>
    deriveCluster(config, org, c, {
      zone,
      base,
      certificates,
      serverUrl,
      branchPrefix,
      branchPer,
    }),
  );
  return {
    name: org.name,
    zoneName: zone,
    iam: {
      path: IAM_PATH,
      userName: iamUserName(org.name),
      policyName: iamPolicyName(org.name),
      recordTypes: [...new Set<string>(org.recordTypes ?? d.recordTypes ?? BUILTIN.recordTypes)].sort(),
    },
    vault: { basePath: base, route53Path: `${base}/route53`, caPath: `${base}/tls/ca` },
    tls: { caCommonName: `zonesmith ${org.name} CA`, caValidityDays: tls.caValidityDays, certificates },
    clusters,
  };
}

function deriveCluster(
  config: Config,
  org: OrgConfig,
  c: ClusterConfig,
  ctx: {
    zone: string;
    base: string;
    certificates: DesiredCertificate[];
    serverUrl: string;
    branchPrefix: string;
    branchPer: 'cluster' | 'repo';
  },
): DesiredCluster {
  const d = config.defaults;
  const edns = {
    ...BUILTIN.externalDns,
    ...defined(d.externalDns),
    ...defined(org.externalDns),
    ...defined(c.externalDns),
  };
  const mechanism = c.secrets?.mechanism ?? org.secrets?.mechanism ?? d.secrets.mechanism ?? BUILTIN.secrets.mechanism;
  const identity = clusterIdentity(org.name, c.name);
  const namespace = orgNamespace(org.name);
  return {
    org: org.name,
    name: c.name,
    key: `${org.name}/${c.name}`,
    cloud: c.cloud,
    repo: resolveRepo(c.repo, ctx.serverUrl),
    folder: c.folder ?? defaultFolder(c.name),
    baseBranch: c.baseBranch ?? 'main',
    branch: ctx.branchPer === 'repo' ? repoBranch(ctx.branchPrefix) : clusterBranch(ctx.branchPrefix, org.name, c.name),
    sync: c.sync ?? 'plain',
    namespace,
    zoneName: ctx.zone,
    externalDns: {
      image: EXTERNAL_DNS_IMAGE,
      provider: DNS_PLUGINS[d.dns.provider].externalDns({ region: d.aws.region }),
      policy: edns.policy,
      sources: [...edns.sources],
      interval: edns.interval,
      ownerId: identity,
      serviceAccount: 'external-dns',
      clusterRoleName: `zonesmith-external-dns-${org.name}`,
    },
    secrets: {
      mechanism,
      vaultAddress: trimSlash(d.vault.address),
      kvMount: d.vault.mount,
      authMount: c.vaultAuthMount ?? defaultAuthMount(org.name, c.name),
      role: identity,
      policyName: identity,
      serviceAccount: mechanism === 'bank-vaults' ? 'external-dns' : 'zonesmith-vault',
      route53Path: `${ctx.base}/route53`,
    },
    certificates: ctx.certificates,
  };
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return compareStrings(a.name, b.name);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Drops undefined values so spreading an override never erases a default. */
function defined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
