/**
 * Facts apply records in the custom metadata of an org's route53 secret when it makes them, next to the key
 * fingerprint, zone id and name servers: so a run can tell them when an API answer leaves them out (the models
 * make tags, attachments, key dates and policy documents optional) without a per-org call. Pure.
 *
 * | metadata key     | fact                                          | written by                         |
 * |------------------|-----------------------------------------------|------------------------------------|
 * | zoneTagged       | zone id whose ownership tags were applied      | zone.create, zone.tag              |
 * | keyCreatedAt     | creation time of the current access key       | iam.key.create                     |
 * | policyAttached   | policy ARN attached to the user               | iam.policy.attach (or seen so)     |
 * | policyDigest     | sha256 of the canonical policy document        | iam.policy.create / update         |
 * | rotatedOutKey    | fingerprint of the key a rotation replaced     | iam.key.create (rotation)          |
 * | rotatedOutVersion| the secret version holding that key's id       | iam.key.create (rotation)          |
 * | formerZones      | ids of the org's zones under an earlier base   | any route53 write that moves zoneId |
 * |                  | domain (evidence for their teardown)          | away from a zone that still exists  |
 *
 * Key ids never go into metadata (only fingerprints); the rotated-out key's id stays in the secret's older version.
 */
import type { Route53Facts } from '../model/observed.js';

const KEYS = [
  'zoneTagged',
  'keyCreatedAt',
  'policyAttached',
  'policyDigest',
  'rotatedOutKey',
  'rotatedOutVersion',
  'formerZones',
] as const;

export function readFacts(metadata: Readonly<Record<string, string>>): Route53Facts {
  const facts: Record<string, string> = {};
  for (const key of KEYS) if (metadata[key]) facts[key] = metadata[key];
  return facts;
}

export function factsMetadata(facts: Route53Facts): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of KEYS) if (facts[key]) out[key] = facts[key];
  return out;
}
