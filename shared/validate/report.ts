// Collects the diagnostics of one validation call; each graph gets a view that stamps its location.
import type { Diagnostic, ErrorCode, Location, Severity } from '../errors/codes';

/** A location inside one graph: `graph` is filled in by the report. */
export type Site = Omit<Location, 'graph'>;

const WARNINGS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['KFS305', 'KFS420', 'KFS421']);

export function severityOf(code: ErrorCode): Severity {
  return WARNINGS.has(code) ? 'warning' : 'error';
}

export class Report {
  constructor(
    readonly items: Diagnostic[] = [],
    /** Component id of the nested pipeline being checked; undefined for the root graph. */
    readonly graph?: string,
  ) {}

  forGraph(graph: string | undefined): Report {
    return new Report(this.items, graph);
  }

  add(code: ErrorCode, message: string, site: Site = {}): void {
    const location: Location = this.graph === undefined ? { ...site } : { graph: this.graph, ...site };
    this.items.push({ code, severity: severityOf(code), message, location });
  }
}

const LOCATION_KEYS = ['task', 'group', 'parameter', 'port', 'output', 'component', 'field', 'file'] as const;

function compareText(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

/** Root graph first, then by code, then by where, then by message; exact repeats are dropped. */
export function sortDiagnostics(items: readonly Diagnostic[]): Diagnostic[] {
  const sorted = [...items].sort((a, b) => {
    let c = compareText(a.location.graph, b.location.graph);
    if (c) return c;
    c = compareText(a.code, b.code);
    if (c) return c;
    for (const key of LOCATION_KEYS) {
      c = compareText(a.location[key], b.location[key]);
      if (c) return c;
    }
    return compareText(a.message, b.message);
  });
  const out: Diagnostic[] = [];
  let previous: Diagnostic | undefined;
  for (const d of sorted) {
    if (previous && previous.code === d.code && previous.message === d.message && sameLocation(previous.location, d.location)) continue;
    out.push(d);
    previous = d;
  }
  return out;
}

function sameLocation(a: Location, b: Location): boolean {
  if (a.graph !== b.graph) return false;
  return LOCATION_KEYS.every((key) => a[key] === b[key]);
}
