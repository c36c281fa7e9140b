/**
 * The soak's faults: the emulators' seeded injectors (throttling, 5xx, latency) and the drop proxies (cut
 * connections), all seeded from the soak's one Rng. `injectedFaults` counts what an injector actually did, by kind,
 * by replaying its PRNG over the number of calls the emulator received (faulted calls count as calls).
 */
import { seededRandom, type FaultSpec } from '../../generator/local/common.js';
import type { LocalStack } from '../../generator/local/stack.js';
import type { DropProxy } from './drop-proxy.js';
import type { Rng } from './prng.js';

export type Service = 'aws' | 'vault' | 'github';
export const SERVICES: readonly Service[] = ['aws', 'vault', 'github'];

export interface CycleFaults {
  readonly specs: Readonly<Record<Service, FaultSpec>>;
  readonly dropRate: number;
  readonly dropSeed: number;
}

function spec(rng: Rng, maxThrottle: number, maxError: number): FaultSpec {
  return {
    seed: rng.int(1, 2 ** 31),
    throttleRate: rng.chance(0.6) ? rng.next() * maxThrottle : 0,
    errorRate: rng.chance(0.6) ? rng.next() * maxError : 0,
    latencyMs: rng.chance(0.3) ? rng.int(1, 40) : 0,
  };
}

/** One faulted run's mix: AWS throttles hard (its SDK retries), the others fail less. */
export function randomFaults(rng: Rng): CycleFaults {
  return {
    specs: { aws: spec(rng, 0.4, 0.1), vault: spec(rng, 0.1, 0.1), github: spec(rng, 0.05, 0.05) },
    dropRate: rng.chance(0.5) ? rng.next() * 0.05 : 0,
    dropSeed: rng.int(1, 2 ** 31),
  };
}

export function describeFaults(f: CycleFaults): string {
  const pct = (x = 0): string => `${Math.round(x * 100)}%`;
  const one = (s: Service): string =>
    `${s} throttle ${pct(f.specs[s].throttleRate)} 5xx ${pct(f.specs[s].errorRate)}${f.specs[s].latencyMs ? ` +${f.specs[s].latencyMs}ms` : ''}`;
  return `${SERVICES.map(one).join(', ')}, drops ${pct(f.dropRate)}`;
}

export function setFaults(
  stack: LocalStack,
  proxies: Readonly<Record<Service, DropProxy>>,
  f: CycleFaults | null,
): void {
  for (const s of SERVICES) {
    stack[s].setFaults(f ? f.specs[s] : {});
    proxies[s].set(f ? f.dropRate : 0, f ? f.dropSeed + s.length : 1);
  }
}

export interface InjectedFaults {
  readonly throttled: number;
  readonly serverErrors: number;
  /** Calls delayed by the injector's latency. */
  readonly slowed: number;
}

/** What an injector answered for `calls` calls under `spec` (all operations affected), by kind. */
export function injectedFaults(spec: FaultSpec, calls: number): InjectedFaults {
  const random = seededRandom(spec.seed ?? 1);
  const throttle = spec.throttleRate ?? 0;
  const rate = throttle + (spec.errorRate ?? 0);
  let throttled = 0;
  let serverErrors = 0;
  for (let i = 0; i < calls; i += 1) {
    const roll = random();
    if (roll < throttle) throttled += 1;
    else if (roll < rate) serverErrors += 1;
  }
  return { throttled, serverErrors, slowed: spec.latencyMs ? calls : 0 };
}

export function totalCalls(stack: LocalStack, s: Service): number {
  return Object.values(stack[s].stats().calls).reduce((a, b) => a + b, 0);
}
