// What the fuzz test feeds each reader: real files from ../shared/kfp (and the bundled examples) as seeds, a
// mutation chosen per case, and the reader run as the app runs it. A reader may accept (a coded result: a document
// that then validates, and compiles when it has no errors) or refuse with a KfsError; anything else is a finding.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { writePipelineArchive } from '../../shared/archive';
import type { ArchiveFormat } from '../../shared/archive';
import { compileToArgo } from '../../shared/compile/argo/argo.compile';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { importComponentYaml } from '../../shared/import/component.import';
import { openPipelineFile } from '../../shared/import/pipeline-file.open';
import type { PipelineDocument } from '../../shared/model/document';
import { serializeDocument } from '../../shared/model/document.parse';
import { parsePipelineIr, topologicalOrder, upstreamOf } from '../../shared/runtime/pipeline-ir.parse';
import { validate } from '../../shared/validate/validate';
import { listKfpFiles } from '../kfp-reference';
import { EXAMPLES_DIR } from '../resources/bundled-catalog';
import type { Dice } from './fuzz-mutate';
import { copyData, flipBytes, flipChar, mutateStructure, renameWord, truncate, truncateBytes } from './fuzz-mutate';

export interface FuzzCase {
  what: string;
  run(): void;
}

export interface FuzzKind {
  name: string;
  seeds: number;
  make(dice: Dice): FuzzCase;
}

interface Seed {
  name: string;
  text: string;
  /** Parsed YAML documents, for structural mutations (copied before each change). */
  docs: unknown[];
}

/** Seeds no larger than this are used for every kind: small files keep each case cheap, so 5,000 fit in seconds. */
const MAX_SEED_CHARS = 8_000;

function seedsFrom(files: string[]): Seed[] {
  const seeds: Seed[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (text.length > MAX_SEED_CHARS) continue;
    let docs: unknown[] = [];
    try {
      docs = (yaml.loadAll(text) as unknown[]).filter((d) => d !== null && d !== undefined);
    } catch {
      // an invalid file is still a seed for text mutations
    }
    seeds.push({ name: path.basename(file), text, docs });
  }
  return seeds;
}

const encoder = new TextEncoder();

/** A mutated text of a seed: half the cases change the text, half change the parsed data and write it out again. */
function mutatedText(seed: Seed, dice: Dice, write: Writer): { text: string; what: string } {
  const choice = seed.docs.length ? dice.int(6) : dice.int(3);
  if (choice === 0) return { text: truncate(seed.text, dice), what: 'truncated' };
  if (choice === 1) return { text: flipChar(seed.text, dice), what: 'char flipped' };
  if (choice === 2) return { text: renameWord(seed.text, dice), what: 'word renamed' };
  const docs = copyData(seed.docs);
  const changes = [mutateStructure(docs, dice)];
  if (dice.chance(0.4)) changes.push(mutateStructure(docs, dice));
  return { text: write(docs, dice), what: changes.join('; ') };
}

type Writer = (docs: unknown[], dice: Dice) => string;

function asJson(docs: unknown[]): string {
  return JSON.stringify(docs.length === 1 ? docs[0] : docs);
}
/** YAML for mutated data: mostly as JSON (which is YAML, and ten times cheaper to write), sometimes in block style. */
const asYaml: Writer = (docs, dice) =>
  docs.length === 1 && dice.chance(0.8) ? asJson(docs) : docs.map((d) => yaml.dump(d, { noRefs: true, lineWidth: -1 })).join('---\n');

/** An opened pipeline goes on as in the app: validated, and compiled (IR and Argo) when it has no errors. */
function useDocument(document: PipelineDocument): void {
  const errors = validate(document).filter((d) => d.severity === 'error');
  if (errors.length) return;
  irToYaml(compileToIr(document));
  compileToArgo(document);
}

function openAndUse(bytes: Uint8Array, fileName: string): void {
  useDocument(openPipelineFile(bytes, fileName).document);
}

/** For the kinds whose interest is the way in (JSON text, archives): opened and validated, compiled elsewhere. */
function openAndValidate(bytes: Uint8Array, fileName: string): void {
  validate(openPipelineFile(bytes, fileName).document);
}

function textKind(name: string, seeds: Seed[], write: Writer, read: (text: string) => void): FuzzKind {
  return {
    name,
    seeds: seeds.length,
    make(dice) {
      const seed = dice.pick(seeds);
      const { text, what } = mutatedText(seed, dice, write);
      return { what: `${seed.name}: ${what}`, run: () => read(text) };
    },
  };
}

function archiveKind(name: string, seeds: Seed[], format: ArchiveFormat): FuzzKind {
  const archives = seeds.map((seed) => writePipelineArchive(seed.text, format));
  const fileName = format === 'zip' ? 'pipeline.zip' : 'pipeline.tar.gz';
  return {
    name,
    seeds: seeds.length,
    make(dice) {
      const index = dice.int(seeds.length);
      const seed = seeds[index] as Seed;
      const choice = dice.int(3);
      if (choice < 2) {
        const bytes = choice === 0 ? flipBytes(archives[index] as Uint8Array, dice) : truncateBytes(archives[index] as Uint8Array, dice);
        return { what: `${seed.name}.${format}: ${choice === 0 ? 'bytes flipped' : 'truncated'}`, run: () => openAndValidate(bytes, fileName) };
      }
      const { text, what } = mutatedText(seed, dice, asYaml);
      return { what: `${seed.name}.${format} of a mutation: ${what}`, run: () => openAndValidate(writePipelineArchive(text, format), fileName) };
    },
  };
}

function runtimeRead(text: string): void {
  const ir = parsePipelineIr(text);
  for (const component of [ir.root, ...Object.values(ir.components)]) {
    if (!component.dag) continue;
    for (const name of topologicalOrder(component.dag)) upstreamOf(component.dag.tasks[name] as never);
  }
}

/** Every input kind the app reads from files, archives and clusters. */
export function fuzzKinds(): FuzzKind[] {
  const irSeeds = seedsFrom([...listKfpFiles('ir/valid'), ...listKfpFiles('ir/invalid')].filter((f) => /\.ya?ml$/.test(f)));
  const componentSeeds = seedsFrom(listKfpFiles('components'));
  const documentSeeds: Seed[] = [];
  for (const seed of irSeeds) {
    try {
      const text = serializeDocument(openPipelineFile(encoder.encode(seed.text), seed.name).document);
      documentSeeds.push({ name: `${seed.name} (document)`, text, docs: [JSON.parse(text)] });
    } catch {
      // not every SDK file imports; those that do are plenty
    }
  }
  for (const file of ['classic.pipeline.json', 'classic-local.pipeline.json', 'condition-loop-local.pipeline.json']) {
    const text = readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
    documentSeeds.push({ name: file, text, docs: [JSON.parse(text)] });
  }
  return [
    textKind('IR YAML', irSeeds, asYaml, (text) => openAndUse(encoder.encode(text), 'pipeline.yaml')),
    textKind('IR JSON', irSeeds.filter((s) => s.docs.length).map((s) => ({ ...s, text: asJson(s.docs) })), asJson, (text) => openAndValidate(encoder.encode(text), 'pipeline.json')),
    textKind('document', documentSeeds, asJson, (text) => openAndUse(encoder.encode(text), 'p.pipeline.json')),
    archiveKind('.tar.gz', irSeeds.filter((s) => s.docs.length), 'tar.gz'),
    archiveKind('.zip', irSeeds.filter((s) => s.docs.length), 'zip'),
    textKind('component YAML', componentSeeds, asYaml, (text) => importComponentYaml(text, { file: 'component.yaml' })),
    textKind('runtime IR reader', irSeeds, asYaml, runtimeRead),
  ];
}
