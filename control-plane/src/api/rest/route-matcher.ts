// Finds the route for a method and path among the route table's OpenAPI path templates (`/v1/videos/{videoId}`).
import type { RestMethod, RestRoute } from './rest-route.js';

interface CompiledRoute {
  route: RestRoute;
  pattern: RegExp;
  names: string[];
}

export type RouteMatch = { route: RestRoute; params: Record<string, string> } | { allowed: RestMethod[] } | undefined;

export class RouteMatcher {
  readonly #compiled: CompiledRoute[];

  constructor(routes: readonly RestRoute[]) {
    const seen = new Set<string>();
    this.#compiled = routes.map((route) => {
      const key = `${route.method} ${route.path}`;
      if (seen.has(key)) throw new Error(`Two REST routes answer ${key}`);
      seen.add(key);
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((segment) => {
          const name = /^\{(\w+)\}$/.exec(segment)?.[1];
          if (!name) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(name);
          return '([^/]+)';
        })
        .join('/');
      return { route, pattern: new RegExp(`^${source}$`), names };
    });
  }

  /** The route and its path parameters; or, for a path that exists under other methods, those methods; else undefined. */
  match(method: string, pathname: string): RouteMatch {
    const allowed: RestMethod[] = [];
    for (const { route, pattern, names } of this.#compiled) {
      const found = pattern.exec(pathname);
      if (!found) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      names.forEach((name, index) => (params[name] = safeDecode(found[index + 1]!)));
      return { route, params };
    }
    return allowed.length > 0 ? { allowed } : undefined;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
