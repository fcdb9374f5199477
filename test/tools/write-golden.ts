// `npm run golden`: rewrites the compiler's golden files under test/golden/ (review the diff before committing).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { currentGoldenFiles, GOLDEN_DIR } from '../golden/golden-files';

const files = currentGoldenFiles();
for (const folder of ['ir', 'argo']) {
  const dir = join(GOLDEN_DIR, folder);
  mkdirSync(dir, { recursive: true });
  for (const stale of readdirSync(dir)) rmSync(join(dir, stale));
}
for (const file of files) {
  const target = join(GOLDEN_DIR, file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.text);
}
console.log(`wrote ${files.length} golden files under ${GOLDEN_DIR}`);
