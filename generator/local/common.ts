/**
 * Shared by the AWS, Vault and GitHub emulators: the stats shape every `GET /_emulator/stats` returns and the
 * deterministic fault injector behind `POST /_emulator/faults`.
 */

export interface EmulatorStats {
  /** Calls per operation name (e.g. "CreateHostedZone", "kv.put", "pulls.create", "git.receive-pack"). */
  readonly calls: Record<string, number>;
  /** Calls that changed state (successful writes only). */
  readonly writes: number;
  /** Successful writes per operation. */
  readonly writesByOperation: Record<string, number>;
}

export interface FaultSpec {
  /** Seed of the PRNG: the same seed and call sequence inject the same faults. */
  readonly seed?: number;
  /** Fraction (0..1) of calls answered with the service's throttling error. */
  readonly throttleRate?: number;
  /** Fraction (0..1) of calls answered with a 5xx. */
  readonly errorRate?: number;
  /** Added latency per call, milliseconds. */
  readonly latencyMs?: number;
  /** Only these operations are affected (all when omitted). */
  readonly operations?: readonly string[];
}

export type FaultDecision = { type: 'none' } | { type: 'throttle' } | { type: 'error' };

/** mulberry32: tiny, seeded, good enough to spread faults evenly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultInjector {
  set(spec: FaultSpec): void;
  current(): FaultSpec;
  /** Decide for one call; also applies latency. */
  decide(operation: string): Promise<FaultDecision>;
}

export function createFaultInjector(initial: FaultSpec = {}): FaultInjector {
  let spec: FaultSpec = initial;
  let random = seededRandom(initial.seed ?? 1);
  return {
    set(next) {
      spec = next;
      random = seededRandom(next.seed ?? 1);
    },
    current: () => spec,
    async decide(operation) {
      if (spec.operations && !spec.operations.includes(operation)) return { type: 'none' };
      if (spec.latencyMs) await new Promise((r) => setTimeout(r, spec.latencyMs));
      const roll = random();
      if (roll < (spec.throttleRate ?? 0)) return { type: 'throttle' };
      if (roll < (spec.throttleRate ?? 0) + (spec.errorRate ?? 0)) return { type: 'error' };
      return { type: 'none' };
    },
  };
}

export function createStatsCounter(): {
  record(op: string, wrote: boolean): void;
  snapshot(): EmulatorStats;
  reset(): void;
} {
  let calls: Record<string, number> = {};
  let writesByOperation: Record<string, number> = {};
  let writes = 0;
  return {
    record(op, wrote) {
      calls[op] = (calls[op] ?? 0) + 1;
      if (wrote) {
        writes += 1;
        writesByOperation[op] = (writesByOperation[op] ?? 0) + 1;
      }
    },
    snapshot: () => ({ calls: { ...calls }, writes, writesByOperation: { ...writesByOperation } }),
    reset() {
      calls = {};
      writesByOperation = {};
      writes = 0;
    },
  };
}
