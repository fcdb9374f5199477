// Faults injected on request, programmatically or through POST /__emulator/faults: latency, an error status in
// the shape of the API the request went to, a dropped connection, or an HTML login page as an auth proxy serves.
export type FaultKind = 'latency' | 'status' | 'reset' | 'html-login';

export interface FaultSpec {
  /** Tested against the request's path and query (`/apis/v2beta1/runs?page_size=5`); every request if absent. */
  path?: RegExp;
  method?: string;
  /** How many matching requests it applies to; until removed if absent. */
  times?: number;
  kind: FaultKind;
  /** For `status`: 500, 502, 503, 401, 403, 404 or 409 (default 500). */
  status?: number;
  /** For `latency`: the delay before the request is handled normally (default 1000 ms, real time). */
  delayMs?: number;
  /**
   * For `reset` and `status`: `before` (default) refuses the request untouched; `after` handles it (a run is
   * created) and then drops the connection or answers the error instead — the case of a lost response.
   */
  when?: 'before' | 'after';
}

export interface Fault extends FaultSpec {
  id: number;
  /** Requests it has applied to so far. */
  hits: number;
}

export class FaultInjector {
  private readonly faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    if (!['latency', 'status', 'reset', 'html-login'].includes(spec.kind)) throw new Error(`Unknown fault kind "${String(spec.kind)}".`);
    const fault: Fault = { ...spec, id: this.nextId++, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  remove(id: number): boolean {
    const index = this.faults.findIndex((fault) => fault.id === id);
    if (index >= 0) this.faults.splice(index, 1);
    return index >= 0;
  }

  clear(): void {
    this.faults.length = 0;
  }

  list(): Fault[] {
    return [...this.faults];
  }

  /** The first fault matching the request, counted as applied (and dropped once its `times` are used up). */
  take(method: string, pathAndQuery: string): Fault | undefined {
    const fault = this.faults.find(
      (item) => (!item.method || item.method.toUpperCase() === method.toUpperCase()) && (!item.path || item.path.test(pathAndQuery)),
    );
    if (!fault) return undefined;
    fault.hits += 1;
    if (fault.times !== undefined && fault.hits >= fault.times) this.remove(fault.id);
    return fault;
  }
}

/** The page an OAuth2/Dex proxy answers with when the session is missing or expired. */
export const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Log in to Kubeflow</title></head>
<body>
<form method="post" action="/dex/auth/local/login">
<h1>Log in to Your Account</h1>
<label>Email address <input name="login" type="text"></label>
<label>Password <input name="password" type="password"></label>
<button type="submit">Login</button>
</form>
</body>
</html>
`;
