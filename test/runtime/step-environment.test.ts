// A step run on the host gets the user's environment without the app's own: no KFP_STUDIO_* (the key stored tokens
// are encrypted with, a cluster token), no ELECTRON_*, NODE_OPTIONS, NODE_CHANNEL_* or npm_* (a registry token).
import { afterAll, expect, it } from 'vitest';
import { freshDataDir, openHostRuntime, removeDataDirs, taskOf } from './runtime-helpers';

afterAll(removeDataDirs);

const APP_SECRETS = {
  KFP_STUDIO_SECRET_KEY: 'k'.repeat(64),
  KFP_STUDIO_TOKEN: 'cluster-token-123',
  ELECTRON_RUN_AS_NODE: '1',
  NODE_OPTIONS: '--require /tmp/inject.js',
  'npm_config_//registry.example/:_authToken': 'npm-token-456',
};

const printEnv = {
  pipelineInfo: { name: 'print-env' },
  schemaVersion: '2.1.0',
  sdkVersion: 'kfp-2.14.3',
  components: { 'comp-env': { executorLabel: 'exec-env', outputDefinitions: { parameters: { env: { parameterType: 'STRING' } } } } },
  deploymentSpec: {
    executors: {
      'exec-env': { container: { image: 'alpine:3.20', command: ['sh', '-c', 'env > "$0"'], args: ["{{$.outputs.parameters['env'].output_file}}"], env: [{ name: 'STEP_OWN', value: 'from-the-pipeline' }] } },
    },
  },
  root: { dag: { tasks: { env: { componentRef: { name: 'comp-env' }, taskInfo: { name: 'env' } } } } },
};

it('passes the user\'s environment and the step\'s own variables, never the app\'s secrets', async () => {
  const saved = { ...process.env };
  Object.assign(process.env, APP_SECRETS);
  const runtime = await openHostRuntime(freshDataDir());
  try {
    const run = await runtime.waitForRun(await runtime.submit({ pipeline: printEnv }));
    const env = String(taskOf(run, 'env').outputs?.parameters.env ?? '');
    expect(env).toContain(`PATH=${process.env.PATH}`);
    expect(env).toContain('STEP_OWN=from-the-pipeline');
    for (const [name, value] of Object.entries(APP_SECRETS)) {
      expect(env, name).not.toContain(name);
      if (value.length > 8) expect(env, name).not.toContain(value);
    }
  } finally {
    await runtime.close();
    for (const name of Object.keys(APP_SECRETS)) delete process.env[name];
    Object.assign(process.env, saved);
  }
});
