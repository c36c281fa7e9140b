import type { Config } from '../model/config.js';

/** `3 orgs, 5 clusters, 4 certificates` (singular for one). */
export function configCounts(config: Config): string {
  const clusters = config.orgs.reduce((n, o) => n + o.clusters.length, 0);
  const certificates = config.orgs.reduce((n, o) => n + o.certificates.length, 0);
  return [plural(config.orgs.length, 'org'), plural(clusters, 'cluster'), plural(certificates, 'certificate')].join(
    ', ',
  );
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
