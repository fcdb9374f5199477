// Run in a child process by compile.bench.ts, so that its peak memory is that of compiling alone:
// `compile-rss.child.ts <tasks> <times>` builds the synthetic document, compiles it to a .tar.gz `times` times (0 for
// the baseline) the way the host does, and prints the process's peak RSS in bytes.
import { writePipelineArchive } from '../../shared/archive';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYamlBytes } from '../../shared/compile/ir.yaml';
import { installNativeGzip } from '../../electron/host/native-gzip';
import { makeSyntheticPipeline } from '../fixtures/synthetic-pipeline';

const tasks = Number(process.argv[2] ?? 5000);
const doc = makeSyntheticPipeline(tasks, { seed: 1 });
installNativeGzip();
let size = 0;
const times = Number(process.argv[3] ?? 1);
for (let i = 0; i < times; i++) size = writePipelineArchive(irToYamlBytes(compileToIr(doc)), 'tar.gz').length;
// maxRSS is in kibibytes.
console.log(JSON.stringify({ peakRss: process.resourceUsage().maxRSS * 1024, size }));
