/**
 * Zone ids for `render`: read from the DNS provider (its zone listing and our ownership mark) when its credentials
 * are configured and reachable; otherwise none, and render uses the placeholder with a warning.
 */
import type { DesiredState } from '../model/desired.js';
import { parseZoneOwnership } from '../plan/ownership.js';
import { DNS_PLUGINS } from '../providers/registry.js';
import type { Env } from '../providers/plugin.js';

export async function lookupZoneIdsFromEnv(desired: DesiredState, env: Env): Promise<Record<string, string>> {
  const plugin = DNS_PLUGINS[desired.dnsProvider];
  if (!plugin.configured(env)) return {};
  const cloud = await plugin.connect(env, { maxAttempts: 2 });
  try {
    const zones = await cloud.dns.listZones();
    const ids: Record<string, string> = {};
    for (const org of desired.orgs) {
      const zone = zones.find(
        (z) => z.name === org.zoneName && parseZoneOwnership(z.comment, z.callerReference)?.org === org.name,
      );
      if (zone) ids[org.name] = zone.id;
    }
    return ids;
  } catch {
    return {};
  } finally {
    cloud.close();
  }
}
