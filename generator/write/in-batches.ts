/**
 * Runs `work` over `items`, `size` at a time, and returns the results in order. Writing and
 * syncing a thousand small files one after the other leaves the disk idle between requests; all
 * at once would open more files than the system allows. (Reading the output folder is synchronous
 * instead, see plan-changes.ts: it comes from the page cache, where the thread pool only costs.)
 */
export async function mapInBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>, size = 32): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  return results;
}
