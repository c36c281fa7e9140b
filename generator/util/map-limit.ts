/**
 * Bounded fan-out: `fn` over `items` with at most `limit` calls in flight, results in input order. The first
 * rejection rejects the whole call once the calls already started have settled (no new call starts after it), so
 * a failure never leaves work running behind the caller's back. Every fan-out over orgs, clusters, zones or
 * repositories in generator/ goes through this (DESIGN.md "Every fan-out is bounded").
 */
export async function mapLimit<T, R>(
  items: Iterable<T>,
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const list = [...items];
  const results = new Array<R>(list.length);
  const width = Math.max(1, Math.min(Math.floor(limit) || 1, list.length));
  let next = 0;
  let failure: { error: unknown } | undefined;
  async function worker(): Promise<void> {
    while (failure === undefined && next < list.length) {
      const i = next;
      next += 1;
      try {
        results[i] = await fn(list[i]!, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  await Promise.all(Array.from({ length: list.length === 0 ? 0 : width }, () => worker()));
  if (failure) throw failure.error;
  return results;
}

/** Default width of read fan-outs (Vault metadata, Route53 per-zone reads, repositories). */
export const READ_CONCURRENCY = 16;
