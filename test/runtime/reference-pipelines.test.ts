// Pipelines compiled by the real KFP SDK (../shared/kfp/ir/valid) whose steps need only a POSIX shell run to the end
// on the host, exactly as compiled: conditions, nested conditions, .after(), producer/consumer parameters, exit
// handlers with the task's final status.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasKfp, KFP_DIR, KFP_MISSING_NOTE } from '../kfp-reference';
import { freshDataDir, openHostRuntime, removeDataDirs, taskOf } from './runtime-helpers';

if (!hasKfp) console.warn(KFP_MISSING_NOTE);
afterAll(removeDataDirs);

const SHELL_ONLY = [
  'hello_world.yaml',
  'essential_pipeline_with_after.yaml',
  'essential_container_no_input.yaml',
  'critical_producer_consumer_param_pipeline.yaml',
  'essential_pipeline_with_nested_conditions_yaml.yaml',
  'pipeline_with_task_final_status_yaml.yaml',
];

describe.skipIf(!hasKfp)('reference pipelines run locally', () => {
  for (const name of SHELL_ONLY) {
    const file = path.join(KFP_DIR, 'ir/valid', name);
    it.skipIf(!existsSync(file))(`${name} runs to success on the host`, async () => {
      const runtime = await openHostRuntime(freshDataDir());
      const run = await runtime.waitForRun(await runtime.submit({ pipeline: readFileSync(file, 'utf8') }));
      const failures = run.tasks.filter((t) => t.state === 'failed').map((t) => `${t.id}: ${t.error?.message}`);
      expect(failures).toEqual([]);
      expect(run.state).toBe('succeeded');
      expect(run.tasks.filter((t) => t.kind === 'container').some((t) => t.state === 'succeeded')).toBe(true);
      if (name === 'pipeline_with_task_final_status_yaml.yaml') {
        const log = (await runtime.readLog(run.id, 'exit-op')).text;
        expect(log).toContain('user input: Hello World! pipeline status: {"state":"SUCCEEDED"');
        expect(taskOf(run, 'exit-handler-1/print-op').state).toBe('succeeded');
      }
    });
  }
});
