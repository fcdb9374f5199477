// `kfp-studio component check FILE|URL...`: whether each component.yaml imports, and what it declares. A URL is
// fetched into the data folder's cache (shown with its digest) and read from there offline.
import { isHttpUrl } from '../../../shared/catalog/catalog-index';
import { formatLocation, isKfsError, type Diagnostic } from '../../../shared/errors/codes';
import { emptyDocument, type ComponentSpec } from '../../../shared/model/document';
import { validate } from '../../../shared/validate/validate';
import { RemoteCache, importWithUrlRefs, loadComponentFromUrl } from '../../host/catalogs';
import { cliDataDir } from './catalog.command';
import path from 'node:path';
import { operandsOf, plural, type CliCommand } from '../cli-command';
import { CliError, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from '../cli-error';
import { readInputFile } from '../read-input-file';

/** The validator's warnings about one component on its own (an image not set yet, file keys not used). */
function componentWarnings(component: ComponentSpec): Diagnostic[] {
  const doc = emptyDocument('component-check');
  doc.components.component = component;
  return validate(doc).filter((d) => d.severity === 'warning' && d.location.component !== undefined);
}

export const componentCheckCommand: CliCommand = {
  name: 'component check',
  operands: 'FILE|URL...',
  summary: 'Check that component.yaml files (or http(s) URLs) import, and show what each declares',
  details: [
    'Prints one line per file: "ok NAME (N inputs, M outputs) from FILE", or "error CODE: LOCATION: MESSAGE" when it is refused;',
    'then "warning CODE: ..." lines for what needs attention (an empty image, keys of the file the editor does not use).',
    'A URL line adds the content digest (sha256:…); URLs are cached under $KFP_STUDIO_DATA (default ~/.kfp-studio) and read',
    'from that copy when the network fails (KFS444 when there is none). Graph tasks that name components by URL are fetched too.',
    'Exit status: 0 if every file imports, 1 if any is refused, 2 if a file could not be read.',
  ],
  async run(args, io) {
    const files = operandsOf(args, this);
    if (files.length === 0) {
      throw new CliError('component check: give at least one component file, e.g. "kfp-studio component check component.yaml".');
    }
    let refused = 0;
    let unreadable = 0;
    const remote = new RemoteCache(path.join(cliDataDir(undefined, io), 'catalogs', 'cache'));
    for (const file of files) {
      try {
        const declares = (c: { name: string; inputs: unknown[]; outputs: unknown[] }) => `ok ${c.name} (${plural(c.inputs.length, 'input')}, ${plural(c.outputs.length, 'output')}) from ${file}`;
        if (isHttpUrl(file)) {
          const loaded = await loadComponentFromUrl(file, remote);
          io.out(`${declares(loaded.component)} ${loaded.digest}${loaded.cached ? ` (offline: the copy fetched ${loaded.fetchedAt})` : ''}`);
          continue;
        }
        const text = await readInputFile(file, io.cwd);
        const { component } = await importWithUrlRefs(text, { file, source: { kind: 'file', path: file } }, remote);
        io.out(declares(component));
        for (const warning of componentWarnings(component)) io.out(`warning ${warning.code}: ${formatLocation({ file, ...warning.location })}: ${warning.message}`);
      } catch (error) {
        if (error instanceof CliError) {
          unreadable += 1;
          io.out(`error KFS505: ${error.message}`);
        } else if (isKfsError(error)) {
          refused += 1;
          io.out(`error ${error.code}: ${formatLocation({ file, ...error.location })}: ${error.message}`);
        } else {
          throw error;
        }
      }
    }
    if (files.length > 1) {
      const parts = [`${files.length - refused - unreadable} ok`, `${refused} refused`];
      if (unreadable) parts.push(`${unreadable} not readable`);
      io.out(`${plural(files.length, 'file')} checked: ${parts.join(', ')}`);
    }
    if (unreadable) return EXIT_USAGE;
    return refused ? EXIT_PROBLEMS : EXIT_OK;
  },
};
