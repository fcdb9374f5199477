// The compiler's golden files: every bundled example and the feature fixtures, compiled the way
// `kfp-studio compile` does (IR YAML for .yaml, Argo for .argo.yaml) and kept under test/golden/.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileToArgoYaml } from '../../shared/compile/argo';
import { argoEveryFeatureDocument } from '../../shared/compile/argo/argo.test-document';
import { compileToIr } from '../../shared/compile/ir.compile';
import { everyFeatureDocument } from '../../shared/compile/ir.test-document';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { openPipelineFile } from '../../shared/import/pipeline-file.open';
import type { PipelineDocument } from '../../shared/model/document';

export const GOLDEN_DIR = fileURLToPath(new URL('.', import.meta.url));
const EXAMPLES_DIR = fileURLToPath(new URL('../../resources/examples/', import.meta.url));
const EXAMPLE_SUFFIX = '.pipeline.json';

export interface GoldenFile {
  /** Path relative to test/golden/, e.g. `ir/classic.yaml`. */
  path: string;
  text: string;
}

type Target = 'ir' | 'argo';

interface GoldenSource {
  name: string;
  document: PipelineDocument;
  targets: Target[];
}

function goldenSources(): GoldenSource[] {
  const examples = readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith(EXAMPLE_SUFFIX))
    .sort()
    .map((file) => ({
      name: file.slice(0, -EXAMPLE_SUFFIX.length),
      document: openPipelineFile(readFileSync(EXAMPLES_DIR + file), file).document,
      targets: ['ir', 'argo'] satisfies Target[],
    }));
  return [
    ...examples,
    // Each feature fixture is written for one compiler (the IR one collects a loop's artifacts, which Argo refuses: KFS622).
    { name: 'every-feature', document: everyFeatureDocument(), targets: ['ir'] },
    { name: 'argo-every-feature', document: argoEveryFeatureDocument(), targets: ['argo'] },
  ];
}

/** What the compiler writes today for every golden source, in a fixed order. */
export function currentGoldenFiles(): GoldenFile[] {
  return goldenSources().flatMap(({ name, document, targets }) =>
    targets.map((target) => ({
      path: `${target}/${name}.yaml`,
      text: target === 'ir' ? irToYaml(compileToIr(document)) : compileToArgoYaml(document),
    })),
  );
}
