// `kfp-studio catalog add|list|remove|refresh`: the team's catalogs from the terminal, kept in the same data folder
// as the app's (--data DIR, else $KFP_STUDIO_DATA, else ~/.kfp-studio), so the palette shows what is added here.
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatLocation, isKfsError } from '../../../shared/errors/codes';
import { shortDigest } from '../../../shared/catalog/sha256';
import type { CatalogSource } from '../../../shared/host-api/catalog.calls';
import { CatalogService } from '../../host/catalogs';
import { parseCommandArgs, plural, type CliCommand } from '../cli-command';
import { CliError, EXIT_OK, EXIT_PROBLEMS } from '../cli-error';
import type { CliIo } from '../cli-io';

export const RESOURCES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources');

export function cliDataDir(data: string | undefined, io: CliIo): string {
  return path.resolve(io.cwd, data ?? process.env.KFP_STUDIO_DATA ?? path.join(homedir(), '.kfp-studio'));
}

export function cliCatalogs(data: string | undefined, io: CliIo): CatalogService {
  return new CatalogService({ bundledDir: path.join(RESOURCES_DIR, 'components'), dataDir: cliDataDir(data, io), baseDir: io.cwd });
}

function printSource(source: CatalogSource, io: CliIo): void {
  const state = source.problems.length ? `${plural(source.problems.length, 'problem')}` : 'ok';
  io.out(`${source.id}  ${source.kind}  ${source.name}  ${plural(source.componentCount, 'component')}${source.pipelines.length ? `, ${plural(source.pipelines.length, 'pipeline')}` : ''}  ${state}${source.offline ? '  (offline copy)' : ''}`);
  io.out(`    ${source.location}${source.ref ? ` @ ${source.ref}` : ''}${source.form ? `  [${source.form}]` : ''}${source.fetchedAt ? `  fetched ${source.fetchedAt}` : ''}`);
  for (const problem of source.problems) io.out(`    ${problem.code}: ${problem.location ? `${formatLocation(problem.location)}: ` : ''}${problem.message}`);
}

async function withCatalogs(data: string | undefined, io: CliIo, run: (catalogs: CatalogService) => Promise<number>): Promise<number> {
  const catalogs = cliCatalogs(data, io);
  try {
    return await run(catalogs);
  } catch (error) {
    if (!isKfsError(error)) throw error;
    io.err(`error ${error.code}: ${error.message}`);
    return EXIT_PROBLEMS;
  } finally {
    catalogs.close();
  }
}

const DATA = { data: { type: 'string' } } as const;

const catalogAdd: CliCommand = {
  name: 'catalog add',
  operands: '--folder DIR | --url URL | --git REPO',
  summary: 'Add a catalog: a folder, a component or index URL, or a Git repository',
  details: [
    'Options: --name NAME (shown in the palette), --ref BRANCH (Git: the branch or tag to follow), --data DIR (the data folder).',
    'A folder is read as it is (its catalog.json or component_library.yaml index, else every component YAML in it, links not followed).',
    'A URL is a single component.yaml or an index (KFP Studio catalog.json, Tangle component_library.yaml, Elyra url-catalog);',
    'it is fetched now and read from that copy until "catalog refresh".',
    'A Git repository is cloned with your git into the data folder (no hooks, no submodules) and read as a folder.',
  ],
  async run(args, io) {
    const { operands, values } = parseCommandArgs(args, this, { folder: { type: 'string' }, url: { type: 'string' }, git: { type: 'string' }, ref: { type: 'string' }, name: { type: 'string' }, ...DATA });
    const given = (['folder', 'url', 'git'] as const).filter((kind) => values[kind] !== undefined);
    if (given.length !== 1 || operands.length) throw new CliError(`catalog add: give exactly one of --folder DIR, --url URL or --git REPO. Usage: kfp-studio ${this.name} ${this.operands}`);
    const kind = given[0] as 'folder' | 'url' | 'git';
    if (values.ref && kind !== 'git') throw new CliError('catalog add: --ref is for --git only.');
    return withCatalogs(values.data, io, async (catalogs) => {
      const source = await catalogs.add({ kind, location: values[kind] as string, ...(values.name ? { name: values.name } : {}), ...(values.ref ? { ref: values.ref } : {}) });
      io.out(`added ${source.id}`);
      printSource(source, io);
      return EXIT_OK;
    });
  },
};

const catalogList: CliCommand = {
  name: 'catalog list',
  operands: '[--components] [--data DIR]',
  summary: 'List the catalogs, and with --components every component and its digest',
  details: ['Remote catalogs are listed from their last fetched copy; nothing is fetched.'],
  async run(args, io) {
    const { operands, values } = parseCommandArgs(args, this, { components: { type: 'boolean' }, ...DATA });
    if (operands.length) throw new CliError(`catalog list: unexpected ${operands[0]}.`);
    return withCatalogs(values.data, io, async (catalogs) => {
      const listing = await catalogs.list();
      for (const source of listing.sources) printSource(source, io);
      if (values.components) {
        for (const entry of listing.entries) io.out(`${entry.catalog}  ${entry.component.name}${entry.version ? ` ${entry.version}` : ''}  ${shortDigest(entry.digest)}  ${entry.location}`);
      }
      return listing.sources.some((s) => s.problems.some((p) => p.code !== 'KFS444')) ? EXIT_PROBLEMS : EXIT_OK;
    });
  },
};

const catalogRemove: CliCommand = {
  name: 'catalog remove',
  operands: 'ID [--data DIR]',
  summary: 'Remove a catalog (a folder itself is left alone)',
  details: [],
  async run(args, io) {
    const { operands, values } = parseCommandArgs(args, this, DATA);
    if (operands.length !== 1) throw new CliError('catalog remove: give one catalog ID (see "kfp-studio catalog list").');
    return withCatalogs(values.data, io, async (catalogs) => {
      const id = operands[0] as string;
      if (!(await catalogs.remove(id))) {
        io.err(`error KFS441: There is no catalog "${id}"; "kfp-studio catalog list" shows the catalogs added.`);
        return EXIT_PROBLEMS;
      }
      io.out(`removed ${id}`);
      return EXIT_OK;
    });
  },
};

const catalogRefresh: CliCommand = {
  name: 'catalog refresh',
  operands: '[ID] [--data DIR]',
  summary: 'Fetch remote catalogs again and show what changed',
  details: ['Offline, a catalog keeps its copy and says so.'],
  async run(args, io) {
    const { operands, values } = parseCommandArgs(args, this, DATA);
    if (operands.length > 1) throw new CliError('catalog refresh: give at most one catalog ID.');
    return withCatalogs(values.data, io, async (catalogs) => {
      const { sources, changes } = await catalogs.refresh(operands[0]);
      for (const source of sources) printSource(source, io);
      for (const change of changes) {
        const digests = change.change === 'changed' ? `  ${shortDigest(change.from ?? '')} → ${shortDigest(change.to ?? '')}` : '';
        io.out(`${change.change.padEnd(7)}  ${change.catalog}  ${change.name}${digests}`);
      }
      io.out(changes.length ? `${plural(changes.length, 'change')}` : 'no changes');
      return sources.some((s) => s.problems.length) ? EXIT_PROBLEMS : EXIT_OK;
    });
  },
};

export const CATALOG_COMMANDS: readonly CliCommand[] = [catalogAdd, catalogList, catalogRemove, catalogRefresh];
