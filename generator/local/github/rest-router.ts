/**
 * Route table matching for the REST API. Patterns use `:name` for one path segment and `*name` for the rest
 * of the path (refs and branch names contain `/`, and Octokit sends them percent-encoded as `%2F`; both
 * forms match). Captured values are percent-decoded once.
 */
import type { Urls } from './shapes.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RestContext {
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
  /** The authenticated login. */
  readonly login: string;
  readonly urls: Urls;
  /** Absolute URL of this request, for `Link` headers. */
  readonly requestUrl: URL;
}

export interface RestResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** True when the call changed state (counted in stats as a write). */
  readonly wrote: boolean;
}

export interface Route {
  readonly method: HttpMethod;
  /** Path below the API root, e.g. `/repos/:owner/:repo/git/ref/*ref`. */
  readonly path: string;
  /** Octokit-style operation name, used in stats and fault filters. */
  readonly operation: string;
  readonly handler: (ctx: RestContext) => Promise<RestResponse>;
}

interface CompiledRoute {
  readonly route: Route;
  readonly regex: RegExp;
  readonly names: readonly string[];
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

export interface Router {
  match(method: string, path: string): RouteMatch | 'method-not-allowed' | undefined;
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      if (segment.startsWith('*')) {
        names.push(segment.slice(1));
        return '(.+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, regex: new RegExp(`^${source}/?$`), names };
}

export function createRouter(routes: readonly Route[]): Router {
  const compiled = routes.map(compile);
  return {
    match(method, path) {
      let pathMatched = false;
      for (const entry of compiled) {
        const found = entry.regex.exec(path);
        if (!found) continue;
        pathMatched = true;
        if (entry.route.method !== method) continue;
        const params: Record<string, string> = {};
        entry.names.forEach((name, index) => {
          params[name] = decodeURIComponent(found[index + 1] ?? '');
        });
        return { route: entry.route, params };
      }
      return pathMatched ? 'method-not-allowed' : undefined;
    },
  };
}
