/**
 * What an IAM ARN tells when an answer leaves the optional members out: `arn:aws:iam::<account>:user<path><name>`
 * and `arn:aws:iam::<account>:policy<path><name>` carry the account, the path and the name.
 */

export interface ArnParts {
  readonly accountId: string;
  readonly path: string;
  readonly name: string;
}

const IAM_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):(user|policy)(\/(?:[^/]+\/)*)([^/]+)$/;

/** The parts of a user or policy ARN; undefined when `arn` is absent or not of that kind. */
export function parseIamArn(arn: string | undefined, kind: 'user' | 'policy'): ArnParts | undefined {
  const m = arn ? IAM_ARN.exec(arn) : null;
  if (!m || m[2] !== kind) return undefined;
  return { accountId: m[1]!, path: m[3]!, name: m[4]! };
}

export function policyArn(accountId: string, path: string, policyName: string): string {
  return `arn:aws:iam::${accountId}:policy${path}${policyName}`;
}
