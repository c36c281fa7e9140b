import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { renderAll } from '../../generator/render/render-all.js';
import { FIXTURE_ZONE_IDS, fixtureDesired } from './fixture.js';
import { validatorFor } from './schemas.js';

const { files } = renderAll(fixtureDesired(), FIXTURE_ZONE_IDS);
const docs = [...files.entries()].flatMap(([cluster, folder]) =>
  Object.entries(folder)
    .filter(([name]) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
    .map(([name, text]) => ({ cluster, name, obj: YAML.parse(text) as { apiVersion: string; kind: string } })),
);

describe('every rendered document validates against its upstream schema', () => {
  it('renders the kinds the schemas cover', () => {
    const kinds = new Set(docs.map((d) => `${d.obj.apiVersion}/${d.obj.kind}`));
    expect([...kinds].sort()).toEqual([
      'apps/v1/Deployment',
      'argoproj.io/v1alpha1/Application',
      'external-secrets.io/v1/ExternalSecret',
      'external-secrets.io/v1/SecretStore',
      'kustomize.toolkit.fluxcd.io/v1/Kustomization',
      'networking.k8s.io/v1/NetworkPolicy',
      'rbac.authorization.k8s.io/v1/ClusterRole',
      'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
      'v1/Namespace',
      'v1/Secret',
      'v1/ServiceAccount',
    ]);
  });

  it.each(docs.map((d) => [`${d.cluster}/${d.name}`, d] as const))('%s', (_label, d) => {
    const { validate, source } = validatorFor(d.obj.apiVersion, d.obj.kind);
    const ok = validate(d.obj);
    expect(validate.errors ?? [], `${source}`).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the strict schemas reject an unknown field (the check can fail)', () => {
    type Deployment = { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    const deployment = docs.find((d) => d.obj.kind === 'Deployment')!.obj as unknown as Deployment;
    const bad = structuredClone(deployment);
    bad.spec.template.spec.containers[0]!.securityContex = {};
    expect(validatorFor('apps/v1', 'Deployment').validate(bad)).toBe(false);
    type SecretStore = { spec: { provider: { vault: { auth: { kubernetes: Record<string, unknown> } } } } };
    const store = structuredClone(docs.find((d) => d.obj.kind === 'SecretStore')!.obj as unknown as SecretStore);
    store.spec.provider.vault.auth.kubernetes.mountpath = 'typo';
    expect(validatorFor('external-secrets.io/v1', 'SecretStore').validate(store)).toBe(false);
  });
});
