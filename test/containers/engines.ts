// The real container engines the container tests use, as test/containers/setup-engines.sh left them: it is run with
// --start (daemons of an existing install are started; nothing is installed from a test). Without engines the
// container tests skip with the reason, except in CI (.ci/run sets KFP_STUDIO_REQUIRE_ENGINES=1 after installing
// them), where a missing engine fails the suite.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectExecution, type DetectedExecution } from '../../electron/host/runtime/local/container-engine';

// Two folders deep from the repository both here and in the bench's bundle (out/bench/run.mjs), so found from both.
export const SETUP_SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/containers/setup-engines.sh');
export const ENGINES_REQUIRED = process.env.KFP_STUDIO_REQUIRE_ENGINES === '1';

export interface TestEngines {
  /** The engines that answer, detected the way the app detects them. */
  available: { docker?: DetectedExecution; podman?: DetectedExecution };
  /** The image steps run in (a minimal Debian with python3, made from the Debian mirror). */
  pythonImage: string;
  baseImage: string;
  /** The local registry (host:port on 127.0.0.1), when it answers. */
  registry?: string;
  /** Why an engine is missing, for the skip message or the CI failure. */
  missing: string[];
}

function readSetup(): { values: Map<string, string>; problem?: string } {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return { values: new Map(), problem: 'the engine setup needs Linux and root' };
  const result = spawnSync('bash', [SETUP_SCRIPT, '--start'], { encoding: 'utf8', timeout: 120_000 });
  const values = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && /^[A-Z_]+$/.test(line.slice(0, eq))) values.set(line.slice(0, eq), line.slice(eq + 1));
  }
  if (result.status !== 0) return { values, problem: `${SETUP_SCRIPT} --start exited ${result.status}: ${(result.stderr || result.stdout).trim().split('\n').pop() ?? ''}` };
  return { values };
}

let found: Promise<TestEngines> | undefined;

/** Starts (if needed) and detects the engines once per test file. Docker is reached through DOCKER_HOST. */
export function testEngines(): Promise<TestEngines> {
  found ??= (async () => {
    const { values, problem } = readSetup();
    const missing: string[] = problem ? [problem] : [];
    const available: TestEngines['available'] = {};
    if (!problem) {
      if (values.get('DOCKER_HOST')) process.env.DOCKER_HOST = values.get('DOCKER_HOST');
      for (const engine of ['docker', 'podman'] as const) {
        const detected = await detectExecution(engine);
        if (detected.mode === engine) available[engine] = detected;
        else missing.push(`${engine}: ${detected.reason}`);
      }
    }
    const registry = values.get('REGISTRY') || undefined;
    if (!problem && !registry) missing.push('registry: the local registry on 127.0.0.1:5000 does not answer');
    return {
      available,
      missing,
      pythonImage: values.get('PYTHON_IMAGE') ?? 'localhost/python:bookworm',
      baseImage: values.get('BASE_IMAGE') ?? 'localhost/debian-min:bookworm',
      ...(registry ? { registry } : {}),
    };
  })();
  return found;
}

/** A line for a skipped suite: which engine is missing and how to set them up. */
export function skipNote(engines: TestEngines): string {
  return `container tests skipped (${engines.missing.join('; ')}); set the engines up with: sudo bash ${path.relative(process.cwd(), SETUP_SCRIPT)}`;
}
