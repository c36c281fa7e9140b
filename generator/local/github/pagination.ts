/**
 * GitHub list pagination: `per_page` (default 30, at most 100) and `page` (from 1), with a `Link` header
 * carrying `first`/`prev`/`next`/`last` relations to absolute URLs that keep every other query parameter.
 */

export interface Page<T> {
  readonly items: T[];
  readonly headers: Record<string, string>;
}

export function paginate<T>(all: readonly T[], requestUrl: URL): Page<T> {
  const perPageRaw = Number(requestUrl.searchParams.get('per_page') ?? '30');
  const perPage = Number.isInteger(perPageRaw) && perPageRaw > 0 ? Math.min(perPageRaw, 100) : 30;
  const pageRaw = Number(requestUrl.searchParams.get('page') ?? '1');
  const page = Number.isInteger(pageRaw) && pageRaw > 0 ? pageRaw : 1;
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  const link = (target: number, rel: string): string => {
    const url = new URL(requestUrl.toString());
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(target));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
  return { items, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}
