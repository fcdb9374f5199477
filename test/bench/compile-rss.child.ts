// Run in a child process by compile.bench.ts, so that its peak memory is that of compiling alone:
// `compile-rss.child.ts <tasks> <times>` builds the synthetic document, compiles it to a .tar.gz `times` times (0 for
// the baseline) by the app's build path (its diagnostics given, as the editor has them), and prints the process's peak RSS in bytes.
import { existsSync, readFileSync } from 'node:fs';
import { buildPipeline } from '../../shared/build/build-pipeline';
import { installNativeGzip } from '../../electron/host/native-gzip';
import { makeSyntheticPipeline } from '../fixtures/synthetic-pipeline';

const tasks = Number(process.argv[2] ?? 5000);
const doc = makeSyntheticPipeline(tasks, { seed: 1 });
installNativeGzip();
let size = 0;
const times = Number(process.argv[3] ?? 1);
for (let i = 0; i < times; i++) {
  const built = buildPipeline(doc, 'tar.gz', { diagnostics: [] });
  if (!built.ok) throw new Error('the synthetic pipeline did not build');
  size = built.output.length;
}
/**
 * Linux's VmHWM: the peak of this program alone. getrusage's maxRSS (process.resourceUsage) keeps the parent's
 * figure across fork and exec, so a child spawned by a 300 MiB bench would report at least that.
 */
function peakRss(): number {
  const status = existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '';
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  return (kib !== undefined ? Number(kib) : process.resourceUsage().maxRSS) * 1024;
}

console.log(JSON.stringify({ peakRss: peakRss(), size }));
