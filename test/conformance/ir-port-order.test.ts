// Opening a pipeline the real KFP SDK compiled shows each step's ports in the order its author declared them, not the
// IR's (parameters apart from artifacts, keys sorted). The expected orders below were read by hand from the component
// sources in those files (the Python signatures, the v1 components' argument lists), not computed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { importIr } from '../../shared/import/ir.import';
import { hasKfp, KFP_DIR, KFP_MISSING_NOTE } from '../kfp-reference';

type Definitions = { parameters?: Record<string, unknown>; artifacts?: Record<string, unknown> };
const namesOf = (defs: Definitions | undefined) => [...Object.keys(defs?.parameters ?? {}), ...Object.keys(defs?.artifacts ?? {})].sort();

const DECLARED: { file: string; component: string; inputs: string[]; outputs: string[] }[] = [
  // def train_model(normalized_iris_dataset: Input[Dataset], model: Output[Model], metrics: Output[ClassificationMetrics], n_neighbors: int)
  { file: 'essential_iris_pipeline_compiled.yaml', component: 'train-model', inputs: ['normalized_iris_dataset', 'n_neighbors'], outputs: ['model', 'metrics'] },
  // def normalize_dataset(input_iris_dataset: Input[Dataset], normalized_iris_dataset: Output[Dataset], standard_scaler: bool)
  { file: 'essential_iris_pipeline_compiled.yaml', component: 'normalize-dataset', inputs: ['input_iris_dataset', 'standard_scaler'], outputs: ['normalized_iris_dataset'] },
  // def random_num(low: int, high: int) -> int
  { file: 'critical_flip_coin.yaml', component: 'random-num', inputs: ['low', 'high'], outputs: ['Output'] },
  // def dataset_joiner(dataset_a: Input[Dataset], dataset_b: Input[Dataset], out_dataset: Output[Dataset]) -> str
  { file: 'component_with_metadata_fields.yaml', component: 'dataset-joiner', inputs: ['dataset_a', 'dataset_b'], outputs: ['out_dataset', 'Output'] },
  // def output_named_tuple(artifact: Input[Dataset]) -> NamedTuple('Outputs', [('scalar', str), ('metrics', Metrics), ('model', Model)])
  { file: 'essential_lightweight_python_functions_with_outputs.yaml', component: 'output-named-tuple', inputs: ['artifact'], outputs: ['scalar', 'metrics', 'model'] },
  // v1 component: xgboost_predict(data_path, model_path, predictions_path, label_column): --data, --model, --label-column, --predictions
  { file: 'xgboost_sample_pipeline.yaml', component: 'xgboost-predict', inputs: ['data', 'model', 'label_column'], outputs: ['predictions'] },
];

describe.skipIf(!hasKfp)('ports of SDK-compiled pipelines, in declared order', () => {
  if (!hasKfp) console.warn(`[conformance] port order skipped: ${KFP_MISSING_NOTE}`);

  it.each(DECLARED)('$file: $component', ({ file, component, inputs, outputs }) => {
    const doc = importIr(readFileSync(path.join(KFP_DIR, 'ir/valid', file), 'utf8'), { file });
    const spec = doc.components[component];
    expect(spec?.inputs.map((p) => p.name)).toEqual(inputs);
    expect(spec?.outputs.map((p) => p.name)).toEqual(outputs);
  });

  it('keeps every port of every component of those files (only the order changes)', () => {
    for (const file of new Set(DECLARED.map((d) => d.file))) {
      const text = readFileSync(path.join(KFP_DIR, 'ir/valid', file), 'utf8');
      const ir = yaml.loadAll(text)[0] as { components: Record<string, { inputDefinitions?: Definitions; outputDefinitions?: Definitions }> };
      for (const [key, spec] of Object.entries(importIr(text, { file }).components)) {
        const declared = ir.components[`comp-${key}`];
        if (!declared) continue;
        expect(spec.inputs.map((p) => p.name).sort(), `${file} ${key}`).toEqual(namesOf(declared.inputDefinitions));
        expect(spec.outputs.map((p) => p.name).sort(), `${file} ${key}`).toEqual(namesOf(declared.outputDefinitions));
      }
    }
  });
});
