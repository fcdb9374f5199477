import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('no-restricted')).map((m) => m.ruleId ?? '');
}

describe('lint enforces the layers of ARCHITECTURE.md', () => {
  it.each([
    ['shared/model/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/model/x.ts', "import { app } from 'electron';"],
    ['shared/model/x.ts', "import { useState } from 'react';"],
    ['shared/model/x.ts', "import { loadDocument } from '../../electron/host/documents';"],
    ['shared/model/x.ts', 'export const cwd = process.cwd();'],
    ['shared/model/x.ts', 'export const w = window.innerWidth;'],
    ['renderer/App.tsx', "import { loadDocument } from '../electron/host/documents';"],
    ['renderer/App.tsx', "import { readFileSync } from 'node:fs';"],
    ['electron/host/x.ts', "import { app } from 'electron';"],
    ['electron/host/x.ts', "import { Canvas } from '../../renderer/Canvas';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).not.toEqual([]);
  });

  it.each([
    ['shared/model/x.ts', "import { z } from 'zod';"],
    ['renderer/App.tsx', "import { validate } from '../shared/validate/validate';"],
    ['electron/host/x.ts', "import { readFileSync } from 'node:fs';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
