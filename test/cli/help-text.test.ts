// Every help text of `kfp-studio`: the general one, each group's (`help profile`, `component --help`) and each
// command's; all fit in 100 columns, and every command that takes --data says so in its help.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { COMMANDS } from '../../electron/cli/commands';
import { runCli } from '../../electron/cli/main';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kfp-studio-help-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]) {
  const io = bufferIo(tmp);
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, all: [...io.stdout, ...io.stderr].join('\n') };
}

const GROUPS = [...new Set(COMMANDS.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0] ?? ''))].filter((g) => !COMMANDS.some((c) => c.name === g));

function expectFits(lines: readonly string[], what: string): void {
  for (const line of lines) expect(line.length, `${what}: "${line}"`).toBeLessThanOrEqual(100);
}

describe('kfp-studio help texts', () => {
  it('has groups to test (profile, catalog, component)', () => {
    expect(GROUPS).toEqual(expect.arrayContaining(['profile', 'catalog', 'component']));
  });

  it('the general help fits in 100 columns and names every command', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expectFits(result.stdout, '--help');
    for (const command of COMMANDS) expect(result.all).toContain(command.name);
  });

  it.each(GROUPS)('"help %s", "%s --help" and "%s -h" list its subcommands', async (group) => {
    for (const argv of [['help', group], [group, '--help'], [group, '-h']]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(0);
      expectFits(result.stdout, argv.join(' '));
      for (const command of COMMANDS.filter((c) => c.name.startsWith(`${group} `))) expect(result.all).toContain(command.name);
    }
    const bare = await run([group]);
    expect(bare.code).toBe(2);
    expect(bare.all).toMatch(/needs a subcommand/);
  });

  it.each(COMMANDS.map((c) => c.name))('"help %s" and "%s --help" fit in 100 columns', async (name) => {
    const words = name.split(' ');
    const viaHelp = await run(['help', ...words]);
    const viaFlag = await run([...words, '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaFlag.stdout).toEqual(viaHelp.stdout);
    expect(viaHelp.stdout[0]).toMatch(new RegExp(`^Usage: kfp-studio ${name} `));
    expectFits(viaHelp.stdout, `help ${name}`);
  });

  it('every command that accepts --data documents it in its help', async () => {
    const takesData: string[] = [];
    for (const command of COMMANDS) {
      // Without other arguments a command stops at its usage; an unknown --data is refused by name.
      const result = await run([...command.name.split(' '), '--data', path.join(tmp, 'data')]);
      if (/unknown option '?--data/i.test(result.all)) continue;
      takesData.push(command.name);
      const help = (await run(['help', ...command.name.split(' ')])).all;
      expect(help, `help ${command.name}`).toMatch(/--data\s+DIR/);
    }
    expect(takesData).toEqual(expect.arrayContaining(['run', 'submit', 'runs', 'profile add', 'profile list', 'catalog list']));
  });
});
