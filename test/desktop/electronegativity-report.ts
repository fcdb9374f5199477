// Reading Electronegativity's CSV report and deciding what fails the build (pure, so it is unit tested).

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
}

/** A finding reviewed and accepted: the check, the one file it may appear in, and why it is not a problem. */
export interface AcceptedFinding {
  check: string;
  file: string;
  reason: string;
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export class MalformedReportError extends Error {}

const KNOWN_SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];

export function parseFindings(csv: string): Finding[] {
  const [header, ...rows] = parseCsv(csv);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const expected = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description'];
  for (const name of expected) if (!names.includes(name)) throw new Error(`The Electronegativity report has no "${name}" column (header: ${names.join(', ')}).`);
  const at = (row: string[], name: string) => (row[names.indexOf(name)] ?? '').trim();
  // The tool has been seen writing rows into one another; a report read wrongly must never pass as clean.
  rows.forEach((row, i) => {
    const severity = at(row, 'severity').toUpperCase();
    if (row.length !== names.length || !KNOWN_SEVERITIES.includes(severity) || !/^[A-Z0-9_]+$/.test(at(row, 'issue'))) {
      throw new MalformedReportError(`The Electronegativity report's row ${i + 2} is malformed (${row.length} fields, severity "${severity.slice(0, 20)}").`);
    }
  });
  return rows.map((row) => ({
    check: at(row, 'issue'),
    severity: at(row, 'severity').toUpperCase(),
    confidence: at(row, 'confidence').toUpperCase(),
    file: at(row, 'filename'),
    location: at(row, 'location'),
    sample: at(row, 'sample'),
    description: at(row, 'description'),
  }));
}

export const FAILING_SEVERITIES = ['HIGH', 'MEDIUM'];

export function judge(findings: readonly Finding[], accepted: readonly AcceptedFinding[]): { failing: Finding[]; acceptedHits: [Finding, AcceptedFinding][]; other: Finding[] } {
  const failing: Finding[] = [];
  const acceptedHits: [Finding, AcceptedFinding][] = [];
  const other: Finding[] = [];
  for (const finding of findings) {
    const match = accepted.find((a) => a.check === finding.check && a.file === finding.file);
    if (match) acceptedHits.push([finding, match]);
    else if (FAILING_SEVERITIES.includes(finding.severity)) failing.push(finding);
    else other.push(finding);
  }
  return { failing, acceptedHits, other };
}
