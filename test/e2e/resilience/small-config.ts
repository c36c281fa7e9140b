/** The smallest config that exercises every write kind of a new org: 1 org, 1 cluster, 1 certificate. */
export const BASE_DOMAIN = 'platform.example.com';
export const ORG = 'acme';
export const CERTIFICATES = ['web'] as const;

export const SMALL_CONFIG = `version: 1
defaults:
  baseDomain: ${BASE_DOMAIN}
  vault:
    address: https://vault.platform.example.com
orgs:
  - name: ${ORG}
    clusters:
      - name: prod
        cloud: aws
        repo: acme/gitops
        sync: flux
    certificates:
      - name: web
        hosts: ["*.acme.${BASE_DOMAIN}", acme.${BASE_DOMAIN}]
`;

/** AWS writes of one clean apply of SMALL_CONFIG, by operation (what any number of runs together may make). */
export const ONE_APPLY_AWS_WRITES = {
  CreateHostedZone: 1,
  ChangeTagsForResource: 1,
  ChangeResourceRecordSets: 1,
  CreateUser: 1,
  CreatePolicy: 1,
  AttachUserPolicy: 1,
  CreateAccessKey: 1,
} as const;
