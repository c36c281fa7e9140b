/**
 * `zonesmith permissions`: print the minimal permissions of the zonesmith runner for an orgs.yaml — the AWS IAM
 * policy, the Vault policy and the GitHub App permissions. Offline: no network, no credentials. The base zone's
 * id comes from `defaults.baseZoneId` or `--base-zone-id` (the policy names it); the account from `--account-id`
 * (default `*`, which an identity policy can only use in its own account anyway).
 */
import { formatPermissions, PERMISSIONS_FORMATS, type PermissionsFormat } from '../present/permissions-text.js';
import { runnerPermissions } from '../security/runner-permissions.js';
import { EXIT, type CliIO } from './io.js';
import { loadDesired } from './load-desired.js';

export interface PermissionsCommandOptions {
  readonly config: string;
  readonly format?: string;
  readonly baseZoneId?: string;
  readonly accountId?: string;
}

export async function runPermissions(opts: PermissionsCommandOptions, io: CliIO): Promise<number> {
  const format = (opts.format ?? 'markdown') as PermissionsFormat;
  if (!PERMISSIONS_FORMATS.includes(format)) {
    io.stderr(
      `zonesmith permissions: --format must be one of ${PERMISSIONS_FORMATS.join(', ')} (got "${opts.format}")\n`,
    );
    return EXIT.error;
  }
  if (opts.accountId !== undefined && !/^(\d{12}|\*)$/.test(opts.accountId)) {
    io.stderr(`zonesmith permissions: --account-id must be 12 digits (got "${opts.accountId}")\n`);
    return EXIT.error;
  }
  const loaded = await loadDesired(opts.config, io);
  if (!loaded) return EXIT.error;
  const { desired } = loaded;
  const baseZoneId = (opts.baseZoneId ?? desired.baseZoneId)?.replace(/^\/?hostedzone\//, '');
  if (!baseZoneId || !/^Z[A-Z0-9]{1,31}$/.test(baseZoneId)) {
    io.stderr(
      `zonesmith permissions: the runner policy names the base zone: set defaults.baseZoneId in ${opts.config} or pass --base-zone-id Z… (find it with \`aws route53 list-hosted-zones-by-name --dns-name ${desired.baseDomain}\`)\n`,
    );
    return EXIT.error;
  }
  const authMounts = [...new Set(desired.orgs.flatMap((o) => o.clusters.map((c) => c.secrets.authMount)))].sort();
  const permissions = runnerPermissions({
    baseDomain: desired.baseDomain,
    baseZoneId,
    accountId: opts.accountId ?? '*',
    vaultMount: desired.vault.mount,
    vaultPrefix: desired.vault.prefix,
    authMounts,
  });
  io.stdout(formatPermissions(permissions, format));
  return EXIT.ok;
}
