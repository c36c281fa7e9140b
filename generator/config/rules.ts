/**
 * Rules that span fields, run on a Config the schema already accepted. Each finding carries the document path of
 * the node to edit (the second of two colliding entries, the most specific level that set a value), so the loader
 * can pin it to a line. Pure: no I/O; the GitHub server comes from the config or the environment passed in.
 *
 * | rule                                   | reported at                                   |
 * |----------------------------------------|-----------------------------------------------|
 * | zone `<org>.<baseDomain>` ≤ 253        | orgs[i].name                                  |
 * | namespace `zonesmith-<org>` ≤ 63       | orgs[i].name                                  |
 * | org names unique                       | the later orgs[i].name                        |
 * | IAM user names unique after shortening | the later orgs[i].name                        |
 * | cluster names unique within an org     | the later clusters[j].name                    |
 * | ExternalDNS owner ids unique           | the later clusters[j].name                    |
 * | repo+folder written by one cluster     | the later cluster's folder (or name)          |
 * | no folder nested in another's          | the nested cluster's folder (or name)         |
 * | certificate names unique, not `ca`     | certificates[k].name                          |
 * | TLS hosts valid and inside the zone    | certificates[k].hosts[h]                      |
 * | renewBeforeDays < validityDays         | the level that sets one of them               |
 * | vault.movedFrom names another place    | defaults.vault.movedFrom                      |
 * | vault.movedFrom not inside the prefix  | defaults.vault.movedFrom.prefix               |
 *
 * Where credentials may go (repository URLs, defaults.git.hosts) is checked by git-host-rules.ts.
 */
import { BUILTIN, DNS_LABEL, type Config } from '../model/config.js';
import { resolveGitServer, resolveRepo, type GitEnvironment } from '../desired/derive.js';
import { clusterIdentity, defaultFolder, iamUserName, orgNamespace, zoneName } from '../desired/names.js';
import { checkGitHosts } from './git-host-rules.js';
import { formatPath, type DocPath } from './issue.js';
import type { Finding } from './zod-issues.js';

export const DNS_NAME_MAX = 253;
export const DNS_LABEL_MAX = 63;
/** Certificate name reserved for the org CA (`.../tls/ca` in Vault). */
export const RESERVED_CERTIFICATE_NAMES = ['ca'] as const;

export function checkRules(config: Config, env: GitEnvironment = {}): Finding[] {
  return [
    ...checkOrgNames(config),
    ...checkClusterNames(config),
    ...checkRepoFolders(config, env),
    ...checkCertificates(config),
    ...checkTlsTimes(config),
    ...checkGitHosts(config, env),
    ...checkVaultMove(config),
  ];
}

/** A move needs two different places, neither inside the other (a copy would land in what it copies). */
function checkVaultMove(config: Config): Finding[] {
  const { mount, prefix, movedFrom } = config.defaults.vault;
  if (!movedFrom) return [];
  const from = { mount: movedFrom.mount ?? mount, prefix: movedFrom.prefix ?? prefix };
  if (from.mount === mount && from.prefix === prefix) {
    return [
      {
        path: ['defaults', 'vault', 'movedFrom'],
        message: `names the current place (${mount}:${prefix}); set it to where the data was before, or remove it`,
      },
    ];
  }
  const nested = from.mount === mount && (from.prefix.startsWith(`${prefix}/`) || prefix.startsWith(`${from.prefix}/`));
  if (!nested) return [];
  return [
    {
      path: ['defaults', 'vault', 'movedFrom', ...(movedFrom.prefix === undefined ? [] : ['prefix'])],
      message: `${from.prefix} and ${prefix} are nested in one another on mount ${mount}; move to a prefix outside the old one`,
    },
  ];
}

function checkOrgNames(config: Config): Finding[] {
  const out: Finding[] = [];
  const base = config.defaults.baseDomain;
  if (base.length > DNS_NAME_MAX - 2) {
    out.push({
      path: ['defaults', 'baseDomain'],
      message: `is ${base.length} characters long; with "<org>." in front it must stay within ${DNS_NAME_MAX}`,
    });
  }
  const names = firstSeen();
  const users = firstSeen();
  config.orgs.forEach((org, i) => {
    const path = ['orgs', i, 'name'];
    const zone = zoneName(org.name, config.defaults.baseDomain);
    if (zone.length > DNS_NAME_MAX) {
      out.push({
        path,
        message: `makes the zone name "${zone}" ${zone.length} characters long; DNS names are at most ${DNS_NAME_MAX}`,
      });
    }
    const namespace = orgNamespace(org.name);
    if (namespace.length > DNS_LABEL_MAX) {
      out.push({
        path,
        message: `is ${org.name.length} characters long; the Kubernetes namespace "${namespace.slice(0, 20)}…" would be ${namespace.length} characters, at most ${DNS_LABEL_MAX} are allowed (use at most ${DNS_LABEL_MAX - (namespace.length - org.name.length)} characters)`,
      });
    }
    const dup = names.claim(org.name, path);
    if (dup) {
      out.push({ path, message: `"${org.name}" is already used by ${formatPath(dup)}; org names must be unique` });
      return;
    }
    const user = iamUserName(org.name);
    const other = users.claim(user, path);
    if (other)
      out.push({
        path,
        message: `"${org.name}" gives the IAM user name "${user}", which ${formatPath(other)} already gives; rename one of them`,
      });
  });
  return out;
}

function checkClusterNames(config: Config): Finding[] {
  const out: Finding[] = [];
  const owners = firstSeen();
  config.orgs.forEach((org, i) => {
    const names = firstSeen();
    org.clusters.forEach((cluster, j) => {
      const path = ['orgs', i, 'clusters', j, 'name'];
      const dup = names.claim(cluster.name, path);
      if (dup) {
        out.push({
          path,
          message: `"${cluster.name}" is already used by ${formatPath(dup)}; cluster names must be unique within an org`,
        });
        return;
      }
      // Owner ids are `zonesmith.<org>.<cluster>` and labels cannot hold dots, so this only fires if names.ts changes.
      const owner = clusterIdentity(org.name, cluster.name);
      const other = owners.claim(owner, path);
      if (other)
        out.push({
          path,
          message: `gives the ExternalDNS owner id "${owner}", which ${formatPath(other)} already uses`,
        });
    });
  });
  return out;
}

interface Placement {
  readonly path: DocPath;
  readonly repoKey: string;
  readonly repoLabel: string;
  readonly folder: string;
  readonly segments: readonly string[];
}

function checkRepoFolders(config: Config, env: GitEnvironment): Finding[] {
  const { serverUrl } = resolveGitServer(config, env);
  const placements: Placement[] = [];
  const out: Finding[] = [];
  config.orgs.forEach((org, i) =>
    org.clusters.forEach((cluster, j) => {
      const repo = resolveRepo(cluster.repo, serverUrl);
      const folder = (cluster.folder ?? defaultFolder(cluster.name)).replace(/\/+$/, '');
      const base: DocPath = ['orgs', i, 'clusters', j];
      const path = cluster.folder !== undefined ? [...base, 'folder'] : [...base, 'name'];
      const here: Placement = {
        path,
        repoKey: repo.key,
        repoLabel: `${repo.serverUrl}/${repo.slug}`,
        folder,
        segments: folder.split('/'),
      };
      // One report per cluster: against the first earlier cluster it clashes with.
      const other = placements.find(
        (o) =>
          o.repoKey === here.repoKey &&
          (o.folder === folder || isPrefix(o.segments, here.segments) || isPrefix(here.segments, o.segments)),
      );
      if (other) {
        const relation = folderRelation(other, here);
        const fix =
          other.folder === folder ? 'give each cluster its own "folder"' : 'clusters need folders that do not nest';
        out.push({
          path,
          message: `writes to folder "${folder}" of ${here.repoLabel}, ${relation} ${formatPath(other.path.slice(0, 4))} already writes to; ${fix}`,
        });
      }
      placements.push(here);
    }),
  );
  return out;
}

/** How a clashing earlier cluster's folder relates to this one, for the message. */
function folderRelation(other: Placement, here: Placement): string {
  if (other.folder === here.folder) return 'which';
  if (isPrefix(other.segments, here.segments)) return `which is inside the folder "${other.folder}" that`;
  return `which contains the folder "${other.folder}" that`;
}

function isPrefix(outer: readonly string[], inner: readonly string[]): boolean {
  return outer.length < inner.length && outer.every((seg, k) => seg === inner[k]);
}

function checkCertificates(config: Config): Finding[] {
  const out: Finding[] = [];
  config.orgs.forEach((org, i) => {
    const zone = zoneName(org.name, config.defaults.baseDomain);
    const names = firstSeen();
    org.certificates.forEach((cert, k) => {
      const base: DocPath = ['orgs', i, 'certificates', k];
      const namePath = [...base, 'name'];
      if ((RESERVED_CERTIFICATE_NAMES as readonly string[]).includes(cert.name)) {
        out.push({
          path: namePath,
          message: `"${cert.name}" is reserved for the org's CA (Vault path .../tls/ca); choose another certificate name`,
        });
      } else {
        const dup = names.claim(cert.name, namePath);
        if (dup)
          out.push({
            path: namePath,
            message: `"${cert.name}" is already used by ${formatPath(dup)}; certificate names must be unique within an org`,
          });
      }
      cert.hosts.forEach((host, h) => {
        const problem = hostProblem(host.toLowerCase(), zone);
        if (problem) out.push({ path: [...base, 'hosts', h], message: `"${host}" ${problem}` });
      });
    });
  });
  return out;
}

/**
 * Why a TLS host is not acceptable for a zone, or undefined. Allowed: the apex, any name below it, and one `*`
 * as the whole leftmost label (which covers exactly one level, as TLS wildcards do).
 */
export function hostProblem(host: string, zone: string): string | undefined {
  if (host.endsWith('.')) return 'must not end with a dot';
  if (host.length > DNS_NAME_MAX) return `is ${host.length} characters long; DNS names are at most ${DNS_NAME_MAX}`;
  const labels = host.split('.');
  for (const [index, label] of labels.entries()) {
    if (label === '*' && index === 0) continue;
    if (label.includes('*')) return 'may use "*" only as the whole leftmost label, e.g. "*.app.<zone>"';
    if (label.length > DNS_LABEL_MAX)
      return `has a label of ${label.length} characters; DNS labels are at most ${DNS_LABEL_MAX}`;
    if (!DNS_LABEL.test(label))
      return `is not a valid DNS name ("${label}" is not a DNS label: letters, digits and '-')`;
  }
  if (host === zone || host.endsWith(`.${zone}`)) return undefined;
  return `is not inside the org's zone "${zone}"`;
}

function checkTlsTimes(config: Config): Finding[] {
  const out: Finding[] = [];
  const d = config.defaults.tls;
  const top = { ...BUILTIN.tls, ...defined(d) };
  out.push(...tlsLevel(['defaults', 'tls'], d, top));
  config.orgs.forEach((org, i) => {
    const eff = { ...top, ...defined(org.tls) };
    out.push(...tlsLevel(['orgs', i, 'tls'], org.tls, eff));
    org.certificates.forEach((cert, k) => {
      if (cert.validityDays === undefined) return;
      if (eff.renewBeforeDays >= cert.validityDays) {
        out.push({
          path: ['orgs', i, 'certificates', k, 'validityDays'],
          message: `is ${cert.validityDays} days, not more than renewBeforeDays (${eff.renewBeforeDays}); the certificate would be renewed on every run`,
        });
      }
    });
  });
  return out;
}

/** Reports a level only when it sets one of the two values itself, so an inherited mistake is reported once. */
function tlsLevel(
  path: DocPath,
  own: { validityDays?: number | undefined; renewBeforeDays?: number | undefined } | undefined,
  eff: { validityDays: number; renewBeforeDays: number },
): Finding[] {
  if (!own || (own.validityDays === undefined && own.renewBeforeDays === undefined)) return [];
  if (eff.renewBeforeDays < eff.validityDays) return [];
  const key = own.renewBeforeDays !== undefined ? 'renewBeforeDays' : 'validityDays';
  return [
    {
      path: [...path, key],
      message: `makes renewBeforeDays (${eff.renewBeforeDays}) not less than validityDays (${eff.validityDays}); certificates would be renewed on every run`,
    },
  ];
}

/**
 * Remembers the first path that claimed each name. `claim` returns the earlier path when the name is taken,
 * else records this one and returns undefined.
 */
function firstSeen(): { claim: (name: string, path: DocPath) => DocPath | undefined } {
  const seen = new Map<string, DocPath>();
  return {
    claim(name, path) {
      const earlier = seen.get(name);
      if (earlier) return earlier;
      seen.set(name, path);
      return undefined;
    },
  };
}

function defined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
