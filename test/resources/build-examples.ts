// `npx tsx test/resources/build-examples.ts [--check]`: writes every resources/examples/*.pipeline.json (the classic
// pipeline from the bundled components, the locally runnable ones, and the tutorial's built-image one), or, with --check, says whether the committed
// files are up to date, exiting 1 if not.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeDocument } from '../../shared/model/document.parse';
import { EXAMPLES_DIR, readCatalog, readCatalogComponent } from './bundled-catalog';
import { buildClassicPipeline } from './classic-pipeline.build';
import { buildLocalExamples } from './local-examples.build';
import { tutorialExampleFile } from './tutorial-example.build';

/** Each example file with the text it should hold. */
export function buildExamples(): { file: string; text: string }[] {
  const catalog = readCatalog();
  const read = (ref: string) => readCatalogComponent(catalog, ref);
  return [{ file: path.join(EXAMPLES_DIR, 'classic.pipeline.json'), text: serializeDocument(buildClassicPipeline(read)) }, ...buildLocalExamples(), tutorialExampleFile()];
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { file, text } of buildExamples()) {
    const relative = path.relative(process.cwd(), file);
    if (readOrEmpty(file) === text) {
      console.log(`up to date: ${relative}`);
    } else if (check) {
      stale += 1;
      console.log(`out of date: ${relative} (run: npx tsx test/resources/build-examples.ts)`);
    } else {
      writeFileSync(file, text);
      console.log(`wrote ${relative}`);
    }
  }
  process.exitCode = stale ? 1 : 0;
}
