// The classic KFP example as a PipelineDocument, built from the bundled component files so the two cannot drift:
// query (BigQuery → GCS) → preprocess → train → test (preprocess's test split + train's model) and deploy (train's model
// uploaded to Vertex AI and served from an endpoint).
import { importComponentYaml } from '../../shared/import/component.import';
import type { Argument, ComponentSpec, PipelineDocument, PortSpec, Task } from '../../shared/model/document';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION } from '../../shared/model/document';

/** Gives the file name and text of a bundled component by its catalog ref. */
export type ComponentReader = (ref: string) => { file: string; text: string };

const QUERY = [
  'SELECT trip_seconds, trip_miles, pickup_community_area, dropoff_community_area, fare,',
  '  IF(tips > 0.2 * fare, 1, 0) AS tipped',
  'FROM `bigquery-public-data.chicago_taxi_trips.taxi_trips`',
  "WHERE trip_start_timestamp >= '2019-01-01' AND fare > 0 AND trip_miles > 0",
  '  AND pickup_community_area IS NOT NULL AND dropoff_community_area IS NOT NULL',
  'LIMIT 100000',
].join('\n');

const LABEL = 'tipped';

const string = (name: string, description: string, defaultValue?: string): PortSpec => ({
  name,
  type: { kind: 'parameter', type: 'STRING' },
  description,
  ...(defaultValue !== undefined ? { optional: true, default: defaultValue } : {}),
});

const PARAMETERS: PortSpec[] = [
  string('project_id', 'The Google Cloud project that runs the query and serves the model.'),
  string('bucket', 'A Cloud Storage bucket you can write to, as gs://NAME: receives the query result and the model export.'),
  string('data_path', 'Where the query result is copied inside the bucket.', 'data/chicago-taxi-trips.csv'),
  string('model_name', "The model's name in the Vertex AI Model Registry and in the export folder.", 'chicago_taxi_tips'),
  string('model_version', 'Names the export folder of this training run.', 'v1'),
];

const param = (input: string): Argument => ({ kind: 'graphInput', input });
const output = (task: string, name: string): Argument => ({ kind: 'taskOutput', task, output: name });
const constant = (value: string): Argument => ({ kind: 'constant', value });

function task(id: string, component: string, displayName: string, args: Task['arguments'], after: string[] = []): Task {
  return { id, component, displayName, arguments: args, after, options: {} };
}

export function buildClassicPipeline(read: ComponentReader): PipelineDocument {
  const components: { [id: string]: ComponentSpec } = {};
  for (const ref of ['bigquery-query', 'preprocess', 'train-sklearn', 'evaluate-sklearn', 'deploy-vertex-ai']) {
    const { file, text } = read(ref);
    const source = { kind: 'catalog', ref } as const;
    components[ref] = { ...importComponentYaml(text, { file, source }).component, source };
  }
  const tasks: Task[] = [
    task('query', 'bigquery-query', 'Query', {
      query: constant(QUERY),
      project_id: param('project_id'),
      bucket: param('bucket'),
      data_path: param('data_path'),
    }),
    task('preprocess', 'preprocess', 'Preprocess', { data: output('query', 'table'), label_column: constant(LABEL) }),
    task('train', 'train-sklearn', 'Train', {
      train_data: output('preprocess', 'train_data'),
      label_column: constant(LABEL),
      bucket: param('bucket'),
      model_name: param('model_name'),
      model_version: param('model_version'),
    }),
    task('test', 'evaluate-sklearn', 'Test', {
      test_data: output('preprocess', 'test_data'),
      model: output('train', 'model'),
      label_column: constant(LABEL),
    }),
    task('deploy', 'deploy-vertex-ai', 'Deploy', {
      model: output('train', 'model'),
      project: param('project_id'),
      model_display_name: param('model_name'),
      staging_bucket: param('bucket'),
    }),
  ];
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    name: 'classic-pipeline',
    displayName: 'Classic pipeline',
    description:
      'The classic Kubeflow example: query Chicago taxi trips from BigQuery into Cloud Storage, preprocess them into ' +
      'training and test sets, train a classifier that predicts generous tips, test it, and deploy it to a Vertex AI endpoint.',
    graph: {
      inputs: PARAMETERS,
      outputs: [],
      tasks: Object.fromEntries(tasks.map((t) => [t.id, t])),
      groups: {},
      layout: {
        query: { x: 0, y: 120 },
        preprocess: { x: 300, y: 120 },
        train: { x: 600, y: 40 },
        test: { x: 900, y: 200 },
        deploy: { x: 900, y: -160 },
      },
    },
    components,
  };
}
