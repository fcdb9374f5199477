// Catalog material for tests: component files (real ones from resources/components, and made-up small ones), a
// loopback HTTP server serving a map of paths (port 0), and a local Git repository made with the real `git`.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function bundledComponentText(name: string): Promise<string> {
  return readFile(path.join(REPO_ROOT, 'resources/components', `${name}.component.yaml`), 'utf8');
}

/** A small v1 component with one input and one output, its name and image given. */
export function smallComponent(name: string, image = 'python:3.11', description = `${name} for tests`): string {
  return [
    `name: ${name}`,
    `description: ${description}`,
    'inputs:',
    '- {name: rows, type: Integer}',
    'outputs:',
    '- {name: table, type: Dataset}',
    'implementation:',
    '  container:',
    `    image: ${image}`,
    '    command: [sh, -c, \'echo "$0" > "$1"\', {inputValue: rows}, {outputPath: table}]',
    '',
  ].join('\n');
}

export async function writeFiles(root: string, files: { [relative: string]: string }): Promise<void> {
  for (const [relative, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), text);
  }
}

export interface TestHttp {
  base: string;
  /** Paths served (`/index.json` → text); change it between requests. */
  files: Map<string, string>;
  requests: string[];
  close(): Promise<void>;
}

export async function serveFiles(files: { [urlPath: string]: string }): Promise<TestHttp> {
  const map = new Map(Object.entries(files));
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0] as string;
    requests.push(url);
    const body = map.get(url);
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': url.endsWith('.json') ? 'application/json' : 'application/yaml' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    files: map,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

/** A Git repository at `dir` holding `files`, committed on branch main. */
export async function makeRepository(dir: string, files: { [relative: string]: string }): Promise<void> {
  await mkdir(dir, { recursive: true });
  git(dir, 'init', '-q');
  await writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'components');
}

export async function commitFiles(dir: string, files: { [relative: string]: string }, message = 'update'): Promise<void> {
  await writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}
