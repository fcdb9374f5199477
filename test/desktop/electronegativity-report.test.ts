import { describe, expect, it } from 'vitest';
import { judge, MalformedReportError, parseCsv, parseFindings } from './electronegativity-report';

const HEADER = 'issue, severity, confidence, filename, location, sample, description, url\n';

describe('the Electronegativity report', () => {
  it('parses quoted fields holding commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\nlines"\r\nx,y,z,w\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'two\nlines'],
      ['x', 'y', 'z', 'w'],
    ]);
  });

  it('fails on HIGH and MEDIUM findings, not on LOW or INFORMATIONAL, and accepts reviewed ones only in their file', () => {
    const csv =
      HEADER +
      'NODE_INTEGRATION_JS_CHECK,"HIGH","FIRM","main/x.ts","3:4","nodeIntegration: true","Disable nodeIntegration",https://x\n' +
      'CSP_GLOBAL_CHECK,"LOW","FIRM","main/main.ts","72:8","default-src \'none\'; style-src \'unsafe-inline\'","weak?",https://x\n' +
      'PRELOAD_JS_CHECK,"MEDIUM","FIRM","main/main-window.ts","48:6","preload: options.preload,","Review",https://x\n' +
      'PRELOAD_JS_CHECK,"MEDIUM","FIRM","main/other.ts","1:1","preload: x,","Review",https://x\n';
    const findings = parseFindings(csv);
    expect(findings.map((f) => [f.check, f.severity, f.file])).toEqual([
      ['NODE_INTEGRATION_JS_CHECK', 'HIGH', 'main/x.ts'],
      ['CSP_GLOBAL_CHECK', 'LOW', 'main/main.ts'],
      ['PRELOAD_JS_CHECK', 'MEDIUM', 'main/main-window.ts'],
      ['PRELOAD_JS_CHECK', 'MEDIUM', 'main/other.ts'],
    ]);
    const verdict = judge(findings, [{ check: 'PRELOAD_JS_CHECK', file: 'main/main-window.ts', reason: 'reviewed' }]);
    expect(verdict.failing.map((f) => `${f.check} ${f.file}`)).toEqual(['NODE_INTEGRATION_JS_CHECK main/x.ts', 'PRELOAD_JS_CHECK main/other.ts']);
    expect(verdict.acceptedHits).toHaveLength(1);
    expect(verdict.other.map((f) => f.check)).toEqual(['CSP_GLOBAL_CHECK']);
  });

  it('refuses a report without the expected columns rather than passing silently', () => {
    expect(() => parseFindings('something, else\n')).toThrow(/no "issue" column/);
  });

  it('refuses a report whose rows ran into one another (as the tool once wrote it) rather than reading it as clean', () => {
    // Seen in CI: a MEDIUM finding's row broken across another's, which read as one odd finding and passed.
    const garbled =
      HEADER +
      'GATE).OPENEXTERNALLY) VOID SHELL.OPENEXTERNAL(URL);,REVIEW THE USE OF OPENEXTERNAL,https://x\n' +
      'PRELOAD_JS_CHECK,MEDIUM,FIRM,main/main-window.ts,53:6,preload: options.preload cript-src \'self\',One or more CSP directives,https://x\n';
    expect(() => parseFindings(garbled)).toThrow(MalformedReportError);
    expect(() => parseFindings(HEADER + 'PRELOAD_JS_CHECK,"SEVERE","FIRM","a.ts","1:1","x","y",https://x\n')).toThrow(/row 2 is malformed/);
  });
});
