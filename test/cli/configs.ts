/** Small orgs.yaml documents for the CLI tests: one org with one cluster, and the same plus a second org. */

export const ONE_ORG_CONFIG = `version: 1
defaults:
  baseDomain: platform.example.com
  vault:
    address: https://vault.platform.example.com
orgs:
  - name: acme
    clusters:
      - name: prod
        cloud: aws
        repo: acme/gitops
`;

export const TWO_ORG_CONFIG = `${ONE_ORG_CONFIG}  - name: globex
    clusters:
      - name: main
        cloud: gcp
        repo: globex/clusters
`;
