/** The soak's closing figures, as `npm run soak` and the soak test print them. */
import type { SoakReport } from './soak.js';

export function figures(r: SoakReport, seconds: number): string {
  return [
    `soak seed ${r.seed}: ${r.cycles} cycles in ${seconds.toFixed(0)} s`,
    `  applies ${r.applies} (${r.faultedRuns} under faults)`,
    `  faults injected ${r.faultsInjected + r.connectionsDropped}: ${r.throttled} throttled, ${r.serverErrors} 5xx, ${r.connectionsDropped} dropped connections; ${r.slowedCalls} calls slowed by latency`,
    `  kills survived ${r.crashesSurvived + r.sigkillsSurvived} (${r.crashesSurvived} in-process after a random write, ${r.sigkillsSurvived} SIGKILLed CLI processes)`,
    `  orgs torn down by the final drain ${r.tornDown}; mass deletions confirmed ${r.massDeletionsConfirmed}; secret scans ${r.secretScans}`,
    `  violations ${r.violations.length}`,
  ].join('\n');
}
