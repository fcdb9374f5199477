// `kfp-studio profile add|list|test|remove`: cluster profiles from the terminal. A token or cookie is read from an
// environment variable (--token-env, default KFP_STUDIO_TOKEN) or standard input (--token-stdin), never from the
// command line; it is stored only when the secret store can encrypt ($KFP_STUDIO_SECRET_KEY), else given at each use.
import { testProfile } from '../../host/clusters/profile-runtime';
import { listKubeContexts } from '../../host/clusters/kubeconfig.load';
import type { ClusterProfile, NewClusterProfile } from '../../host/clusters/profile.types';
import type { TransportNote } from '../../../shared/host-api/cluster.calls';
import type { CliCommand } from '../cli-command';
import { CliError, EXIT_OK } from '../cli-error';
import type { CliIo } from '../cli-io';
import { TOKEN_ENV, cliProfileStore, dataDirOf, parseFlags, readAllStdin, reportFailure } from './cluster-cli';
import type { ClusterCliDeps } from './cluster-cli';

/** Certificate checks off and credentials over http are warnings; the exec plugin run is a note. */
function printNotes(io: CliIo, notes: readonly TransportNote[]): void {
  for (const note of notes) io.out(`    ${note.kind === 'exec-plugin' ? 'note' : 'warning'} (${note.kind}): ${note.message}`);
}

function describeProfile(profile: ClusterProfile): string {
  if (profile.kind === 'argo') return `argo  context ${profile.context}, namespace ${profile.namespace}`;
  const c = profile.connection;
  const where = c.mode === 'url' ? `${c.url} (${c.auth === 'none' ? 'no auth' : c.auth === 'bearer' ? 'bearer token' : 'session cookie'})` : `context ${c.context} via service proxy`;
  return `kfp   ${where}${profile.namespace ? `, namespace ${profile.namespace}` : ''}`;
}

const ADD_FLAGS = {
  url: 'value',
  auth: 'value',
  context: 'value',
  kubeconfig: 'value',
  namespace: 'value',
  'service-namespace': 'value',
  service: 'value',
  argo: 'bool',
  'token-env': 'value',
  'token-stdin': 'bool',
  'service-account': 'value',
  'no-test': 'bool',
  data: 'value',
} as const;

export async function profileAdd(argv: readonly string[], io: CliIo, deps: ClusterCliDeps = {}): Promise<number> {
  try {
    const flags = parseFlags(argv, ADD_FLAGS, 'profile add');
    const [name, extra] = flags.operands;
    if (!name || extra !== undefined) throw new CliError('profile add: give one profile NAME. Usage: kfp-studio profile add NAME (--url URL [--auth none|bearer|cookie] | --context CTX [--argo]) [--namespace NS]');
    const env = deps.env ?? process.env;
    const url = flags.values.get('url');
    const context = flags.values.get('context');
    const namespace = flags.values.get('namespace');
    const kubeconfigPath = flags.values.get('kubeconfig');
    let profile: NewClusterProfile;
    if (flags.bools.has('argo')) {
      if (!context || !namespace) throw new CliError('profile add --argo: give --context CTX and --namespace NS.');
      profile = { kind: 'argo', name, context, namespace, ...(kubeconfigPath ? { kubeconfigPath } : {}), ...(flags.values.get('service-account') ? { serviceAccount: flags.values.get('service-account') ?? '' } : {}) };
    } else if (url) {
      const auth = flags.values.get('auth') ?? 'none';
      if (!['none', 'bearer', 'cookie'].includes(auth)) throw new CliError(`profile add: --auth is none, bearer or cookie, not "${auth}".`);
      profile = { kind: 'kfp', name, connection: { mode: 'url', url, auth: auth as 'none' | 'bearer' | 'cookie' }, ...(namespace ? { namespace } : {}) };
      if (auth !== 'none') {
        const secret = flags.bools.has('token-stdin') ? (await (deps.readStdin ?? readAllStdin)()).trim() : env[flags.values.get('token-env') ?? TOKEN_ENV]?.trim();
        if (secret) profile.secret = secret;
      }
    } else if (context) {
      const serviceNamespace = flags.values.get('service-namespace');
      const service = flags.values.get('service');
      profile = {
        kind: 'kfp',
        name,
        connection: { mode: 'kubeconfig', context, ...(kubeconfigPath ? { kubeconfigPath } : {}), ...(serviceNamespace ? { serviceNamespace } : {}), ...(service ? { service } : {}) },
        ...(namespace ? { namespace } : {}),
      };
    } else {
      throw new CliError('profile add: give --url URL (KFP by its address) or --context CTX (through a kubeconfig context).');
    }
    const { store, secrets } = cliProfileStore(dataDirOf(flags, deps, io.cwd), deps);
    const canStore = secrets.status().available;
    const withSecret = { ...profile };
    if (!canStore) delete withSecret.secret;
    const added = await store.add(withSecret, { requireSecret: canStore });
    io.out(`Added profile ${added.name}: ${describeProfile(added)}`);
    if (profile.secret && !canStore) io.out(`The token was not stored (no ${'KFP_STUDIO_SECRET_KEY'} set): give it in ${TOKEN_ENV} each time.`);
    if (flags.bools.has('no-test')) return EXIT_OK;
    const report = await testProfile(added, store);
    io.out(`Connected: ${report.kind === 'kfp' ? `KFP ${report.version}${report.multiUser ? ', multi-user' : ''}` : `Kubernetes ${report.version}`}${report.namespace ? `, namespace ${report.namespace}` : ''} (${report.endpoint})`);
    printNotes(io, report.transport);
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, io, 'profile add');
  }
}

export async function profileList(argv: readonly string[], io: CliIo, deps: ClusterCliDeps = {}): Promise<number> {
  try {
    const flags = parseFlags(argv, { data: 'value', contexts: 'bool', kubeconfig: 'value' }, 'profile list');
    if (flags.bools.has('contexts')) {
      for (const context of listKubeContexts(flags.values.get('kubeconfig'))) {
        io.out(`${context.current ? '*' : ' '} ${context.name}  ${context.server ?? ''}${context.namespace ? `  namespace ${context.namespace}` : ''}${context.execCommand ? `  auth plugin ${context.execCommand}` : ''}`);
      }
      return EXIT_OK;
    }
    const { store } = cliProfileStore(dataDirOf(flags, deps, io.cwd), deps);
    const profiles = await store.list();
    if (!profiles.length) io.out('No cluster profiles yet: add one with "kfp-studio profile add NAME --url URL" or "--context CTX".');
    for (const { profile, hasSecret, transport } of profiles) {
      io.out(`${profile.name}  ${describeProfile(profile)}${hasSecret ? '  [token stored]' : ''}`);
      printNotes(io, transport);
    }
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, io, 'profile list');
  }
}

export async function profileTest(argv: readonly string[], io: CliIo, deps: ClusterCliDeps = {}): Promise<number> {
  try {
    const flags = parseFlags(argv, { data: 'value' }, 'profile test');
    const [name] = flags.operands;
    if (!name) throw new CliError('profile test: give the profile NAME.');
    const { store } = cliProfileStore(dataDirOf(flags, deps, io.cwd), deps);
    const report = await testProfile(await store.get(name), store);
    io.out(`${report.profile}: connected to ${report.kind === 'kfp' ? `KFP ${report.version}${report.multiUser ? ' (multi-user)' : ''}` : `Kubernetes ${report.version}`}${report.namespace ? `, namespace ${report.namespace}` : ''} at ${report.endpoint}`);
    printNotes(io, report.transport);
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, io, 'profile test');
  }
}

export async function profileRemove(argv: readonly string[], io: CliIo, deps: ClusterCliDeps = {}): Promise<number> {
  try {
    const flags = parseFlags(argv, { data: 'value' }, 'profile remove');
    const [name] = flags.operands;
    if (!name) throw new CliError('profile remove: give the profile NAME.');
    const { store } = cliProfileStore(dataDirOf(flags, deps, io.cwd), deps);
    const removed = await store.remove(name);
    io.out(`Removed profile ${removed.name} and its stored token.`);
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, io, 'profile remove');
  }
}

const DATA_HELP = '  --data DIR   the data folder with the profiles (default $KFP_STUDIO_DATA, else ~/.kfp-studio)';

export const PROFILE_COMMANDS: readonly CliCommand[] = [
  {
    name: 'profile add',
    operands: 'NAME (--url URL [--auth none|bearer|cookie] | --context CTX [--argo]) [OPTIONS]',
    summary: 'Add a cluster profile (KFP by URL or kubeconfig context, or Argo) and test it',
    details: [
      '  --url URL              the KFP API root (the address before /apis/v2beta1)',
      '  --auth MODE            none (default), bearer (a token) or cookie (NAME=VALUE session cookie)',
      `  --token-env VAR        read the token or cookie from this environment variable (default ${TOKEN_ENV})`,
      '  --token-stdin          read the token or cookie from standard input',
      '  --context CTX          reach KFP through this kubeconfig context (the API server service proxy)',
      '  --kubeconfig FILE      the kubeconfig (default KUBECONFIG, then ~/.kube/config)',
      '  --service-namespace NS, --service NAME:PORT   where the KFP API service is (default kubeflow, ml-pipeline:8888)',
      '  --argo                 an Argo Workflows profile (needs --context and --namespace)',
      '  --namespace NS         the user namespace of a multi-user KFP, or the Argo namespace',
      '  --no-test              do not test the connection',
      '  --data DIR             the data folder to keep the profile in (default $KFP_STUDIO_DATA, else ~/.kfp-studio)',
      'Tokens are never taken from the command line. They are stored encrypted only when KFP_STUDIO_SECRET_KEY is set;',
      `otherwise give them in ${TOKEN_ENV} each time.`,
    ],
    run: (args, io) => profileAdd(args, io),
  },
  { name: 'profile list', operands: '[--contexts [--kubeconfig FILE]] [--data DIR]', summary: 'List cluster profiles, or the kubeconfig contexts', details: [DATA_HELP], run: (args, io) => profileList(args, io) },
  { name: 'profile test', operands: 'NAME [--data DIR]', summary: 'Test a cluster profile: version, multi-user mode and namespace', details: [DATA_HELP], run: (args, io) => profileTest(args, io) },
  { name: 'profile remove', operands: 'NAME [--data DIR]', summary: 'Remove a cluster profile and its stored token', details: [DATA_HELP], run: (args, io) => profileRemove(args, io) },
];
