import type { QueryClient, QueryKey } from "@tanstack/react-query";

/**
 * Refreshes the queries under these keys once a write has committed, so what the page shows
 * includes it (an audit event the write recorded, a row it added).
 *
 * Invalidation alone is not enough: while a query has no data yet (a page's first load), TanStack
 * Query joins a refetch onto the fetch already in flight, and that fetch may have read before the
 * write. Cancelling first makes every refetch start after the write.
 */
export async function refreshAfterWrite(
  queryClient: QueryClient,
  keys: readonly QueryKey[],
): Promise<void> {
  await Promise.all(keys.map((queryKey) => queryClient.cancelQueries({ queryKey })));
  await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
