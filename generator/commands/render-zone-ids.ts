/**
 * Zone ids for `render`: read from Route53 (ListHostedZones, our ownership mark) when AWS credentials are
 * configured and reachable; otherwise none, and render uses the placeholder with a warning.
 */
import type { DesiredState } from '../model/desired.js';
import { createAwsClients, createRoute53Dns } from '../adapters/aws/index.js';
import { parseZoneOwnership } from '../plan/ownership.js';

const CREDENTIAL_HINTS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
];

export async function lookupZoneIdsFromEnv(
  desired: DesiredState,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Record<string, string>> {
  if (!CREDENTIAL_HINTS.some((k) => env[k])) return {};
  const aws = createAwsClients({ env, maxAttempts: 2 });
  try {
    const zones = await createRoute53Dns(aws.route53).listZones();
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
    aws.route53.destroy();
    aws.iam.destroy();
  }
}
