// Processes are identified, not guessed: a run record names its owner and its steps by pid AND start, and the app acts
// on a pid only when both match. Real processes: an unrelated `sleep` whose pid a stale record names survives a
// restart and a terminate; the run is interrupted and says what was left alone; a run of a live owner is not touched.
import { afterAll, describe, expect, it } from 'vitest';
import { isKfsError } from '../../shared/errors/codes';
import { identifyProcess, matchProcess } from '../../electron/host/runtime/local/process-identity';
import { endedPid, unrelatedProcess, writeRunningRecord } from './run-records';
import { freshDataDir, isAlive, openHostRuntime, removeDataDirs, taskOf } from './runtime-helpers';

const sleeps: ReturnType<typeof unrelatedProcess>[] = [];
function sleeper(): ReturnType<typeof unrelatedProcess> {
  const child = unrelatedProcess();
  sleeps.push(child);
  return child;
}
afterAll(() => {
  for (const child of sleeps) child.kill('SIGKILL');
  removeDataDirs();
});

const WRONG_START = 'linux:00000000-0000-0000-0000-000000000000:1';

describe('identifying processes', () => {
  it('tells the same process from a reused pid and from one that is gone', async () => {
    const child = sleeper();
    const identity = identifyProcess(child.pid);
    expect(identity.startedAt).toMatch(/^(linux|ps):/);
    expect(matchProcess(identity)).toBe('same');
    expect(matchProcess({ pid: child.pid, startedAt: WRONG_START })).toBe('other');
    expect(matchProcess(child.pid)).toBe('unknown');
    expect(matchProcess({ pid: await endedPid(), startedAt: WRONG_START })).toBe('gone');
  });
});

describe('a stale run record after a restart', () => {
  it('never kills a program that reused a step\'s pid; the run is interrupted and says what was left alone', async () => {
    const dataDir = freshDataDir();
    const reused = sleeper();
    const bare = sleeper();
    await writeRunningRecord(dataDir, 'run-stale-steps', {
      owner: { pid: await endedPid(), startedAt: WRONG_START },
      processes: { train: { pid: reused.pid, startedAt: WRONG_START }, 'older-record': bare.pid },
    });
    const runtime = await openHostRuntime(dataDir);
    const run = await runtime.getRun('run-stale-steps');
    expect(isAlive(reused.pid)).toBe(true);
    expect(isAlive(bare.pid)).toBe(true);
    expect(run.state).toBe('interrupted');
    expect(taskOf(run, 'train').state).toBe('cancelled');
    expect(run.error).toContain(`process ${reused.pid} recorded for step "train" was left running: that pid now belongs to another program`);
    expect(run.error).toContain(`process ${bare.pid} recorded for step "older-record" was left running: it could not be identified`);
    await runtime.close();
  });

  it('does not leave a run "running" forever because its owner\'s pid is alive for another reason', async () => {
    const dataDir = freshDataDir();
    const impostor = sleeper();
    await writeRunningRecord(dataDir, 'run-stale-owner', { owner: { pid: impostor.pid, startedAt: WRONG_START }, processes: { train: { pid: impostor.pid, startedAt: WRONG_START } } });
    const runtime = await openHostRuntime(dataDir);
    const run = await runtime.getRun('run-stale-owner');
    expect(run.state).toBe('interrupted');
    expect(run.error).toContain(`(the pid it had, ${impostor.pid}, now belongs to another program)`);
    expect(isAlive(impostor.pid)).toBe(true);
    await runtime.close();
  });
});

describe('terminate of a run this app is not running', () => {
  it('marks a run whose owner is gone interrupted, killing nothing that is not its own', async () => {
    const dataDir = freshDataDir();
    const runtime = await openHostRuntime(dataDir);
    const impostor = sleeper();
    // Written after the runtime opened, as another process of a shared data folder would leave it.
    await writeRunningRecord(dataDir, 'run-orphan', { owner: { pid: impostor.pid, startedAt: WRONG_START }, processes: { train: impostor.pid } });
    await runtime.terminate('run-orphan');
    const run = await runtime.getRun('run-orphan');
    expect(run.state).toBe('interrupted');
    expect(run.error).toContain('belongs to another program');
    expect(isAlive(impostor.pid)).toBe(true);
    await runtime.close();
  });

  it('refuses (KFS814) a run that another live KFP Studio process is running, and a restart leaves it running', async () => {
    const dataDir = freshDataDir();
    const otherApp = sleeper();
    await writeRunningRecord(dataDir, 'run-elsewhere', { owner: identifyProcess(otherApp.pid), processes: { train: identifyProcess(otherApp.pid) } });
    const runtime = await openHostRuntime(dataDir);
    expect((await runtime.getRun('run-elsewhere')).state).toBe('running');
    const refusal = await runtime.terminate('run-elsewhere').then(() => undefined, (error: unknown) => error);
    expect(isKfsError(refusal) && refusal.code).toBe('KFS814');
    expect(String((refusal as Error).message)).toContain(`pid ${otherApp.pid}`);
    expect((await runtime.getRun('run-elsewhere')).state).toBe('running');
    expect(isAlive(otherApp.pid)).toBe(true);
    await runtime.close();
  });
});
