/**
 * Render benchmark: 1,000 clusters (100 orgs × 10 clusters, both secret mechanisms, all sync tools, two
 * certificates per org). Prints milliseconds per cluster and peak memory (RSS and used heap, sampled after
 * every cluster). Figures only, no assertions. Run: npx tsx test/bench/render.bench.ts [clusters]
 */
import { getHeapStatistics } from 'node:v8';
import { ConfigSchema } from '../../generator/model/config.js';
import { deriveDesired } from '../../generator/desired/derive.js';
import { renderCluster } from '../../generator/render/render-cluster.js';

const total = Number(process.argv[2] ?? 1000);
const perOrg = 10;
const syncs = ['flux', 'argocd', 'plain'] as const;
const orgs = Array.from({ length: Math.ceil(total / perOrg) }, (_, o) => ({
  name: `org${String(o).padStart(3, '0')}`,
  secrets: { mechanism: o % 2 === 0 ? 'external-secrets' : 'bank-vaults' },
  certificates: [
    { name: 'web', hosts: [`www.org${String(o).padStart(3, '0')}.platform.example.com`] },
    { name: 'api', hosts: [`api.org${String(o).padStart(3, '0')}.platform.example.com`] },
  ],
  clusters: Array.from({ length: perOrg }, (_, c) => ({
    name: `c${c}`,
    cloud: 'aws',
    repo: `org${o}/gitops`,
    sync: syncs[c % 3]!,
  })),
}));
const desired = deriveDesired(
  ConfigSchema.parse({
    version: 1,
    defaults: { baseDomain: 'platform.example.com', vault: { address: 'https://vault.example.com' } },
    orgs,
  }),
  {},
);
const clusters = desired.orgs.flatMap((o) => o.clusters).slice(0, total);

let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
const baseline = { rss: peakRss, heap: peakHeap };
let bytes = 0;
let files = 0;

// Warm-up (module JIT) is excluded from the timing.
renderCluster(clusters[0]!, { zoneId: 'ZWARMUP' });

const start = process.hrtime.bigint();
for (const cluster of clusters) {
  const out = renderCluster(cluster, { zoneId: 'Z0000000000000000001' });
  for (const text of Object.values(out)) bytes += text.length;
  files += Object.keys(out).length;
  // Cheap samplers (process.memoryUsage() walks the heap spaces and would dominate the timing).
  const rss = process.memoryUsage.rss();
  const heap = getHeapStatistics().used_heap_size;
  if (rss > peakRss) peakRss = rss;
  if (heap > peakHeap) peakHeap = heap;
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const mib = (n: number): string => (n / 1024 / 1024).toFixed(1);

console.log(`render: ${clusters.length} clusters, ${files} files, ${mib(bytes)} MiB of text`);
console.log(`time:   ${ms.toFixed(0)} ms total, ${(ms / clusters.length).toFixed(2)} ms per cluster`);
console.log(
  `memory: peak RSS ${mib(peakRss)} MiB (baseline ${mib(baseline.rss)}), peak heap ${mib(peakHeap)} MiB (baseline ${mib(baseline.heap)})`,
);
