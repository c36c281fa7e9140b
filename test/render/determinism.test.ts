/** Same input, byte-identical output; nothing named or selected by construct path. */
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { renderAll } from '../../generator/render/render-all.js';
import { renderCluster } from '../../generator/render/render-cluster.js';
import { ClusterChart } from '../../templates/cluster-chart.js';
import { FIXTURE_ZONE_IDS, fixtureDesired } from './fixture.js';

describe('deterministic rendering', () => {
  it('renders twice to the same bytes', () => {
    const first = renderAll(fixtureDesired(), FIXTURE_ZONE_IDS);
    const second = renderAll(fixtureDesired(), FIXTURE_ZONE_IDS);
    expect([...second.files.keys()]).toEqual([...first.files.keys()]);
    for (const [key, folder] of first.files) {
      const again = second.files.get(key)!;
      expect(Object.keys(again)).toEqual(Object.keys(folder));
      for (const [name, text] of Object.entries(folder))
        expect(Buffer.from(again[name]!).equals(Buffer.from(text)), `${key}/${name}`).toBe(true);
    }
    expect(second.warnings).toEqual(first.warnings);
  });

  it('returns keys sorted', () => {
    const cluster = fixtureDesired().orgs[0]!.clusters[0]!;
    const keys = Object.keys(renderCluster(cluster, { zoneId: 'Z1' }));
    expect(keys).toEqual([...keys].sort());
  });

  it('output does not depend on construct ids (no path-derived names, labels or selectors)', () => {
    const cluster = fixtureDesired().orgs[1]!.clusters[1]!;
    const a = new ClusterChart(new App(), 'one', { cluster, outputs: { zoneId: 'Z1' } }).toJson();
    const b = new ClusterChart(new App(), 'a-completely-different-id', { cluster, outputs: { zoneId: 'Z1' } }).toJson();
    expect(b).toEqual(a);
    expect(JSON.stringify(a)).not.toContain('cdk8s.io');
  });

  it('selects ExternalDNS pods by the explicit labels only, and the pod template carries them', () => {
    const cluster = fixtureDesired().orgs[0]!.clusters[0]!;
    const objs = new ClusterChart(new App(), 'c', { cluster, outputs: { zoneId: 'Z1' } }).toJson();
    const deployment = objs.find((o) => o.kind === 'Deployment');
    const selector = { 'app.kubernetes.io/instance': 'acme', 'app.kubernetes.io/name': 'external-dns' };
    expect(deployment.spec.selector).toEqual({ matchLabels: selector });
    expect(deployment.spec.template.metadata.labels).toEqual(selector);
    const policy = objs.find((o) => o.kind === 'NetworkPolicy');
    expect(policy.spec.podSelector).toEqual({ matchLabels: selector });
  });
});
