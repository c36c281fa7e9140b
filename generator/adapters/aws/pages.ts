/**
 * Follows a marker-paginated AWS list call to its last page. `fetch` receives the previous page's marker
 * (undefined for the first page) and returns that page's items and the next marker (undefined on the last page).
 */
export async function collectPages<T, M>(
  fetch: (marker: M | undefined) => Promise<{ items: readonly T[]; next: M | undefined }>,
): Promise<T[]> {
  const all: T[] = [];
  let marker: M | undefined;
  do {
    const page = await fetch(marker);
    all.push(...page.items);
    marker = page.next;
  } while (marker !== undefined);
  return all;
}
