// What the cluster commands (profile, submit, runs) share: option parsing, the data folder, the profile store with
// the secret store the CLI can use, and how a KfsError is printed. Tokens come from an environment variable or
// standard input, never from the command line.
import { homedir } from 'node:os';
import path from 'node:path';
import { formatDiagnostic, isKfsError } from '../../../shared/errors/codes';
import { createProfileStore } from '../../host/clusters/profile-store';
import type { ProfileStore } from '../../host/clusters/profile-store';
import type { RuntimeTuning } from '../../host/clusters/profile-runtime';
import { secretStoreFromEnv } from '../../host/secrets/env-key-store';
import type { SecretStore } from '../../host/secrets/secret-store';
import { CliError, EXIT_PROBLEMS, EXIT_USAGE } from '../cli-error';
import type { CliIo } from '../cli-io';

export const TOKEN_ENV = 'KFP_STUDIO_TOKEN';

/** What the cluster commands take from outside; tests pass their own. */
export interface ClusterCliDeps {
  env?: NodeJS.ProcessEnv;
  /** The data folder (default --data, then $KFP_STUDIO_DATA, then ~/.kfp-studio). */
  dataDir?: string;
  readStdin?: () => Promise<string>;
  tuning?: RuntimeTuning;
}

export type FlagKind = 'value' | 'bool' | 'multi';

export interface ParsedFlags {
  operands: string[];
  values: Map<string, string>;
  multi: Map<string, string[]>;
  bools: Set<string>;
}

/** `--name VALUE` or `--name=VALUE`; `--` ends options. Unknown options are refused. */
export function parseFlags(argv: readonly string[], spec: Record<string, FlagKind>, command: string): ParsedFlags {
  const parsed: ParsedFlags = { operands: [], values: new Map(), multi: new Map(), bools: new Set() };
  let ended = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (ended || !arg.startsWith('--')) {
      if (!ended && arg.startsWith('-') && arg !== '-') throw new CliError(`${command}: unknown option ${arg}. Run "kfp-studio ${command} --help" for its usage.`);
      parsed.operands.push(arg);
      continue;
    }
    if (arg === '--') {
      ended = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const kind = spec[name];
    if (!kind) throw new CliError(`${command}: unknown option --${name}. Run "kfp-studio ${command} --help" for its usage.`);
    if (kind === 'bool') {
      parsed.bools.add(name);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new CliError(`${command}: --${name} needs a value.`);
    if (kind === 'multi') parsed.multi.set(name, [...(parsed.multi.get(name) ?? []), value]);
    else parsed.values.set(name, value);
  }
  return parsed;
}

export function dataDirOf(flags: ParsedFlags, deps: ClusterCliDeps, cwd: string): string {
  const env = deps.env ?? process.env;
  return path.resolve(cwd, flags.values.get('data') ?? deps.dataDir ?? env.KFP_STUDIO_DATA ?? path.join(homedir(), '.kfp-studio'));
}

/** The secret store: encrypted with $KFP_STUDIO_SECRET_KEY (32 bytes, hex or base64) when set, else none. */
export function cliSecretStore(dataDir: string, env: NodeJS.ProcessEnv): SecretStore {
  try {
    return secretStoreFromEnv(dataDir, env);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

export function cliProfileStore(dataDir: string, deps: ClusterCliDeps): { store: ProfileStore; secrets: SecretStore } {
  const env = deps.env ?? process.env;
  const secrets = cliSecretStore(dataDir, env);
  return { store: createProfileStore(dataDir, secrets, { fallbackSecret: () => env[TOKEN_ENV] || undefined }), secrets };
}

export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/** A refusal (KfsError) as one line with its code on standard error; exit 1. Usage problems exit 2. */
export function reportFailure(error: unknown, io: CliIo, command: string): number {
  if (error instanceof CliError) {
    io.err(error.message);
    return error.exitCode;
  }
  if (isKfsError(error)) {
    io.err(`${command}: ${formatDiagnostic(error.toDiagnostic())}`);
    return EXIT_PROBLEMS;
  }
  io.err(`${command}: ${(error as Error)?.message ?? String(error)}`);
  return EXIT_USAGE;
}
