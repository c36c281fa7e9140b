/**
 * What to do next, for an error that ends a run or a step. Every error line zonesmith prints ends with one of these
 * hints, so a person (or a CI log reader) never meets an error without a next step. Reads only the PortError's
 * service and code (never its cause), so no secret can leak through it.
 */
import { PortError } from '../ports/errors.js';

/** Which environment variables point zonesmith at each service (what to check when it cannot be reached). */
const SERVICE_ENV: Readonly<Record<string, string>> = {
  route53: 'AWS_ENDPOINT_URL / AWS_REGION and your network',
  iam: 'AWS_ENDPOINT_URL / AWS_REGION and your network',
  aws: 'AWS_ENDPOINT_URL / AWS_REGION and your network',
  vault: 'VAULT_ADDR (and VAULT_NAMESPACE) and your network',
  github: 'GITHUB_API_URL (or git.apiUrl in orgs.yaml) and your network',
  git: 'GITHUB_SERVER_URL (or the repo URLs in orgs.yaml) and your network',
};

const SERVICE_CREDENTIALS: Readonly<Record<string, string>> = {
  route53:
    'the AWS credentials (default chain: AWS_PROFILE, AWS_ACCESS_KEY_ID, an OIDC role) need the Route53 permissions listed in the README',
  iam: 'the AWS credentials need the IAM permissions on /zonesmith/ users and policies listed in the README',
  aws: 'check the AWS credentials (default chain: AWS_PROFILE, AWS_ACCESS_KEY_ID, an OIDC role)',
  vault: 'VAULT_TOKEN needs a policy that writes the KV mount and the auth roles listed in the README',
  github: 'GITHUB_TOKEN (or the GitHub App) needs contents and pull-requests write access to the cluster repositories',
  git: 'GITHUB_TOKEN (or the GitHub App) needs contents write access to the cluster repositories',
};

/** Not a network problem: the SDK's default credential chain found nothing to sign with. */
const NO_AWS_CREDENTIALS =
  'no AWS credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or a role (AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE, as the OIDC action sets); `npm run demo` needs none';

export function adviceFor(error: unknown): string {
  if (!(error instanceof PortError)) return 'run again; if it persists, rerun with --json and report the log';
  const where = SERVICE_ENV[error.service] ?? 'the service address and your network';
  if (error.remoteCode === 'CredentialsProviderError') return NO_AWS_CREDENTIALS;
  switch (error.code) {
    case 'unavailable':
      return `${error.service} is unreachable or failing; check ${where}, then run again`;
    case 'throttled':
      return `${error.service} kept throttling after retries; run again in a few minutes`;
    case 'access-denied':
      return SERVICE_CREDENTIALS[error.service] ?? `check the credentials for ${error.service}`;
    case 'conflict':
      return 'something changed while this run worked; run again (the next run re-reads everything)';
    case 'limit-exceeded':
      return `an ${error.service} quota is reached; raise it or remove unused resources, then run again`;
    case 'not-found':
      return 'something zonesmith expected is gone; run `zonesmith plan` to see the current state';
    case 'already-exists':
      return "a resource with this name exists and is not marked as zonesmith's; rename the org or remove the foreign resource";
    case 'invalid-input':
      return 'this looks like a zonesmith bug or an unexpected service answer; rerun with --json and report the log';
    case 'unknown':
      return `check ${where}, then run again; if it persists, rerun with --json and report the log`;
  }
}
