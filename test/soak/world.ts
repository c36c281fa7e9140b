/**
 * The soak's orgs.yaml as a small model, random edits of it, and its YAML. Every edit keeps the file valid (the
 * fuzz tests cover invalid files): cluster names are unique across the fleet, so default and custom folders never
 * collide in a shared repository.
 */
import type { Rng } from './prng.js';

export const BASE_DOMAIN = 'platform.example.com';
/** Cluster repositories; several orgs share each one. */
export const REPOS = ['platform/gitops-a', 'platform/gitops-b', 'edge/fleet'] as const;
export const MECHANISMS = ['external-secrets', 'bank-vaults'] as const;
const CERT_NAMES = ['web', 'api'] as const;
const MAX_ORGS = 4;
const MAX_CLUSTERS = 3;

export interface SoakCluster {
  name: string;
  repo: string;
  mechanism: (typeof MECHANISMS)[number];
  /** A custom folder; the default `clusters/<name>/zonesmith` when absent. */
  folder?: string;
}

export interface SoakCert {
  name: string;
  hosts: string[];
}

export interface SoakOrg {
  name: string;
  clusters: SoakCluster[];
  certificates: SoakCert[];
}

export interface World {
  orgs: SoakOrg[];
  /** Orgs edited out of the file, which an edit may bring back (the org "comes back"). */
  removed: SoakOrg[];
  nextId: number;
}

export type EditKind =
  | 'add-org'
  | 'restore-org'
  | 'remove-org'
  | 'rename-org'
  | 'add-cluster'
  | 'remove-cluster'
  | 'rename-cluster'
  | 'mechanism'
  | 'folder'
  | 'cert-hosts'
  | 'add-cert'
  | 'remove-cert';

export function initialWorld(rng: Rng): World {
  const w: World = { orgs: [], removed: [], nextId: 1 };
  for (let i = 0; i < 2; i += 1) addOrg(w, rng);
  return w;
}

function id(w: World, prefix: string): string {
  const n = w.nextId;
  w.nextId += 1;
  return `${prefix}${n}`;
}

function newCluster(w: World, rng: Rng): SoakCluster {
  return { name: id(w, 'k'), repo: rng.pick(REPOS), mechanism: rng.pick(MECHANISMS) };
}

function hostsFor(org: string, rng: Rng): string[] {
  const zone = `${org}.${BASE_DOMAIN}`;
  const all = [zone, `*.${zone}`, `app.${zone}`, `*.apps.${zone}`];
  return rng.shuffle(all).slice(0, rng.int(1, all.length)).sort();
}

function addOrg(w: World, rng: Rng): void {
  const name = id(w, 'o');
  const certificates = rng.chance(0.5) ? [{ name: 'web', hosts: hostsFor(name, rng) }] : [];
  w.orgs.push({ name, clusters: [newCluster(w, rng)], certificates });
}

/** Edits that make sense for the current model (each has something to act on). */
function possibleEdits(w: World): EditKind[] {
  const withClusters = w.orgs.some((o) => o.clusters.length > 0);
  const out: EditKind[] = [];
  if (w.orgs.length < MAX_ORGS) out.push('add-org');
  if (w.orgs.length < MAX_ORGS && w.removed.length) out.push('restore-org');
  if (w.orgs.length) out.push('remove-org', 'rename-org', 'cert-hosts', 'add-cert', 'remove-cert');
  if (w.orgs.some((o) => o.clusters.length < MAX_CLUSTERS)) out.push('add-cluster');
  if (withClusters) out.push('remove-cluster', 'rename-cluster', 'mechanism', 'folder');
  return out;
}

/** Applies one random edit; returns what it did, for the log. */
export function randomEdit(w: World, rng: Rng): string {
  const kind = rng.pick(possibleEdits(w));
  return `${kind} ${applyEdit(w, rng, kind)}`;
}

function applyEdit(w: World, rng: Rng, kind: EditKind): string {
  if (kind === 'add-org') {
    addOrg(w, rng);
    return w.orgs.at(-1)!.name;
  }
  if (kind === 'restore-org') {
    const back = w.removed.splice(rng.int(0, w.removed.length - 1), 1)[0]!;
    w.orgs.push(back);
    return back.name;
  }
  const org = rng.pick(
    w.orgs
      .filter((o) => kind !== 'add-cluster' || o.clusters.length < MAX_CLUSTERS)
      .filter(
        (o) => !['remove-cluster', 'rename-cluster', 'mechanism', 'folder'].includes(kind) || o.clusters.length > 0,
      ),
  );
  return `${org.name}: ${editOrg(w, rng, kind, org)}`;
}

function editOrg(w: World, rng: Rng, kind: EditKind, org: SoakOrg): string {
  const cluster = org.clusters.length ? rng.pick(org.clusters) : undefined;
  switch (kind) {
    case 'remove-org':
      w.orgs.splice(w.orgs.indexOf(org), 1);
      w.removed.push(org);
      return 'removed';
    case 'rename-org': {
      // The clusters move with the org (same names, same folders): the old org's folders are removed by pull
      // request while the new org's are added in the same places.
      const name = id(w, 'o');
      const [from, to] = [`${org.name}.${BASE_DOMAIN}`, `${name}.${BASE_DOMAIN}`];
      const certificates = org.certificates.map((c) => ({
        name: c.name,
        hosts: c.hosts.map((h) => `${h.slice(0, h.length - from.length)}${to}`),
      }));
      const renamed: SoakOrg = { name, clusters: org.clusters, certificates };
      w.orgs.splice(w.orgs.indexOf(org), 1, renamed);
      return `→ ${renamed.name}`;
    }
    case 'add-cluster':
      org.clusters.push(newCluster(w, rng));
      return org.clusters.at(-1)!.name;
    case 'remove-cluster':
      org.clusters.splice(org.clusters.indexOf(cluster!), 1);
      return `${cluster!.name} removed${org.clusters.length ? '' : ' (org has no clusters now)'}`;
    case 'rename-cluster': {
      const old = cluster!.name;
      cluster!.name = id(w, 'k');
      if (cluster!.folder) cluster!.folder = `custom/${cluster!.name}`;
      return `${old} → ${cluster!.name}`;
    }
    case 'mechanism':
      cluster!.mechanism = cluster!.mechanism === 'bank-vaults' ? 'external-secrets' : 'bank-vaults';
      return `${cluster!.name} ${cluster!.mechanism}`;
    case 'folder':
      if (cluster!.folder) delete cluster!.folder;
      else cluster!.folder = `custom/${cluster!.name}`;
      return `${cluster!.name} ${cluster!.folder ?? 'default folder'}`;
    case 'cert-hosts':
      if (!org.certificates.length) org.certificates.push({ name: 'web', hosts: [] });
      rng.pick(org.certificates).hosts = hostsFor(org.name, rng);
      return 'hosts changed';
    case 'add-cert': {
      const free = CERT_NAMES.filter((n) => !org.certificates.some((c) => c.name === n));
      if (!free.length) return 'no free certificate name';
      org.certificates.push({ name: free[0]!, hosts: hostsFor(org.name, rng) });
      return free[0]!;
    }
    default:
      if (!org.certificates.length) return 'no certificate';
      return `${org.certificates.splice(rng.int(0, org.certificates.length - 1), 1)[0]!.name} removed`;
  }
}

/** Deletion settings of the soak: one run per hour, cut-off 2 h before the month ends, 24 h grace, 1 org per run. */
export const DELETION = { graceHours: 24, maxPerRun: 1, monthEndCutoffHours: 2, runIntervalHours: 1 } as const;

export function worldYaml(w: World): string {
  const lines = [
    'version: 1',
    'defaults:',
    `  baseDomain: ${BASE_DOMAIN}`,
    '  vault:',
    '    address: https://vault.platform.example.com',
    '  deletion:',
    ...Object.entries(DELETION).map(([k, v]) => `    ${k}: ${v}`),
    w.orgs.length ? 'orgs:' : 'orgs: []',
  ];
  for (const o of w.orgs) {
    lines.push(`  - name: ${o.name}`, o.clusters.length ? '    clusters:' : '    clusters: []');
    for (const c of o.clusters) {
      lines.push(
        `      - name: ${c.name}`,
        '        cloud: aws',
        `        repo: ${c.repo}`,
        `        secrets: { mechanism: ${c.mechanism} }`,
      );
      if (c.folder) lines.push(`        folder: ${c.folder}`);
    }
    if (o.certificates.length) lines.push('    certificates:');
    for (const cert of o.certificates)
      lines.push(`      - { name: ${cert.name}, hosts: ${JSON.stringify(cert.hosts)} }`);
  }
  return `${lines.join('\n')}\n`;
}
