// `npx tsx test/desktop/electronegativity.ts`: runs Electronegativity over electron/ (CSV report), prints what it
// found, and exits 1 on any HIGH or MEDIUM finding that is not a reviewed exception below (the tool exits 0 itself).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { judge, parseFindings, type AcceptedFinding, type Finding } from './electronegativity-report';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/** Reviewed findings; each is accepted only in the one file named, so a new occurrence elsewhere still fails. */
export const ACCEPTED: readonly AcceptedFinding[] = [
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'main/main-window.ts',
    reason:
      'The preload is the narrow bridge: one named method per HostApi call and three named events, sandboxed and context-isolated; electron/preload/preload-api.test.ts and test/desktop/electron-bundle.test.ts pin its exact surface.',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/main-window.ts',
    reason:
      'The single shell.openExternal call for links: only http(s) URLs without credentials (isSafeExternalUrl) and only right after a click or key press (the gesture gate); tested in electron/main/navigation-guard.test.ts.',
  },
];

function electronVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
}

function describe(finding: Finding): string {
  return `${finding.severity.padEnd(13)} ${finding.check} ${finding.file}:${finding.location} ${finding.description}${finding.sample && finding.sample !== 'N/A' ? `\n${' '.repeat(14)}${finding.sample.slice(0, 160)}` : ''}`;
}

function main(): number {
  const input = path.join(repoRoot, 'electron');
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'kfs-electronegativity-'));
  const report = path.join(outDir, 'report.csv');
  try {
    const cli = require.resolve('@doyensec/electronegativity/dist/index.js');
    const inOrder = path.join(repoRoot, 'test/desktop/electronegativity-sync-writes.mjs');
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(inOrder).href, cli, '--input', input, '--output', report, '--relative', '--electron-version', electronVersion()], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'en-US' },
    });
    let csv: string;
    try {
      csv = readFileSync(report, 'utf8');
    } catch {
      process.stderr.write(`electronegativity did not write its report (exit ${run.status}):\n${run.stderr}${run.stdout}\n`);
      return 1;
    }
    const findings = parseFindings(csv);
    const { failing, acceptedHits, other } = judge(findings, ACCEPTED);
    process.stdout.write(`electronegativity over electron/ (Electron ${electronVersion()}): ${findings.length} finding(s)\n`);
    for (const finding of failing) process.stdout.write(`FAIL ${describe(finding)}\n`);
    for (const finding of other) process.stdout.write(`note ${describe(finding)}\n`);
    for (const [finding, accepted] of acceptedHits) process.stdout.write(`ok   ${describe(finding)}\n     accepted: ${accepted.reason}\n`);
    if (failing.length) {
      process.stdout.write(`${failing.length} HIGH or MEDIUM finding(s): fix them, or review one and add it to ACCEPTED in test/desktop/electronegativity.ts.\n`);
      return 1;
    }
    process.stdout.write('No HIGH or MEDIUM findings outside the reviewed exceptions.\n');
    return 0;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main());
