// A tiny router: `GET /apis/v2beta1/runs/{run_id}:archive`-style patterns compiled to regular expressions.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The path the route matched (after any service-proxy prefix was removed). */
  path: string;
  /** The request body, read before the route runs. */
  raw: Buffer;
  /** The JSON body with snake_case field names; `{}` when empty or not JSON. */
  body: Record<string, unknown>;
}

export type RouteHandler = (ctx: RouteContext) => Promise<void> | void;

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: RouteHandler;
}

export interface RouteMatch {
  handler: RouteHandler;
  params: Record<string, string>;
  pattern: string;
}

function compile(pattern: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = pattern
    .split(/(\{[^}]+\})/)
    .map((piece) => {
      const param = /^\{([^}]+)\}$/.exec(piece);
      if (param?.[1]) {
        names.push(param[1]);
        return '([^/]+?)';
      }
      return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { regex: new RegExp(`^${source}$`), names };
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): this {
    const { regex, names } = compile(pattern);
    this.routes.push({ method: method.toUpperCase(), pattern, regex, names, handler });
    return this;
  }

  /** `undefined` when no route has this path; `'method'` when a route has the path but not the method. */
  match(method: string, path: string): RouteMatch | 'method' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const found = route.regex.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.method !== method.toUpperCase()) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? '');
      });
      return { handler: route.handler, params, pattern: route.pattern };
    }
    return pathMatched ? 'method' : undefined;
  }
}
