/**
 * Measures the node-forge CertIssuer: milliseconds per CA and per server certificate (RSA 2048 keys each).
 * Run: npx tsx test/bench/certs.bench.ts [rounds]. Prints numbers only, never key material.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createCertIssuer } from '../../generator/adapters/certs/cert-issuer.js';

export interface CertBenchResult {
  readonly rounds: number;
  readonly caMs: { readonly mean: number; readonly p50: number; readonly max: number };
  readonly serverMs: { readonly mean: number; readonly p50: number; readonly max: number };
}

export function benchCerts(rounds: number): CertBenchResult {
  const issuer = createCertIssuer();
  const now = new Date('2030-01-01T00:00:00Z');
  const hosts = ['web.acme.example.com', '*.apps.acme.example.com'];
  const caTimes: number[] = [];
  const serverTimes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    const ca = issuer.issueCa(`zonesmith bench${i} CA`, 3650, now);
    caTimes.push(performance.now() - t);
    t = performance.now();
    issuer.issueServer(ca, hosts, 90, now);
    serverTimes.push(performance.now() - t);
  }
  return { rounds, caMs: summary(caTimes), serverMs: summary(serverTimes) };
}

function summary(ms: readonly number[]): { mean: number; p50: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    mean: round(ms.reduce((a, b) => a + b, 0) / ms.length),
    p50: round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    max: round(sorted[sorted.length - 1] ?? 0),
  };
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  const rounds = Number(process.argv[2] ?? '20');
  const r = benchCerts(Number.isInteger(rounds) && rounds > 0 ? rounds : 20);
  console.log(`certs: ${r.rounds} rounds, RSA 2048`);
  console.log(`  CA          ms  mean ${r.caMs.mean}  p50 ${r.caMs.p50}  max ${r.caMs.max}`);
  console.log(`  server cert ms  mean ${r.serverMs.mean}  p50 ${r.serverMs.p50}  max ${r.serverMs.max}`);
}
