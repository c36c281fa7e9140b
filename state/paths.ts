/** Where zonesmith keeps its own state in Vault KV (below the mount), next to the org secrets it manages. */
export interface StatePaths {
  /** The run lock (check-and-set with expiry). */
  readonly lock: string;
  /** Clusters zonesmith has published for: where their files and Vault roles live. */
  readonly inventory: string;
  /** Orgs that became unused, and since when (the grace period survives runs). */
  readonly unused: string;
  /** Zone exports written before teardown: `<backups>/<org>/<zone>`. */
  readonly backups: string;
}

export function statePaths(prefix: string): StatePaths {
  return {
    lock: `${prefix}/state/lock`,
    inventory: `${prefix}/state/inventory`,
    unused: `${prefix}/state/unused-orgs`,
    backups: `${prefix}/backups`,
  };
}
