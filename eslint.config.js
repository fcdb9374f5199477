// Lint enforces the layering of ../shared/guide/ARCHITECTURE.md: imports only point down.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeModules = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'stream', 'url', 'crypto', 'util', 'zlib', 'events', 'worker_threads'];
const uiModules = ['react', 'react-dom', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*', 'zundo'];
const hostModules = ['electron', 'electron/*', '@kubernetes/*'];

const layer = (message, groups) => ({ patterns: groups.map((group) => ({ group, message })) });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'coverage/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: globals['shared-node-browser'] },
    rules: {
      'no-restricted-imports': ['error', layer('shared/ is pure: no Node, DOM, Electron, React or upper layers (see ARCHITECTURE.md).', [
        [...nodeModules, ...uiModules, ...hostModules, '**/electron/**', '**/renderer/**', '**/test/**', '**/resources/**'],
      ])],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname', 'navigator', 'localStorage', 'fetch'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', layer('renderer/ talks to the host only through the HostApi client; it never imports electron/ or Node.', [
        [...nodeModules, ...hostModules, '**/electron/**', '**/test/**'],
      ])],
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', layer('electron/ may import shared/ only, never renderer/ or test/.', [
        [...uiModules, '**/renderer/**', '**/test/**'],
      ])],
    },
  },
  {
    files: ['electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', layer('electron/host and the CLI hold no Electron import: they run under plain Node too.', [
        [...uiModules, 'electron', 'electron/*', '**/renderer/**', '**/test/**'],
      ])],
    },
  },
  {
    // Names from files, clusters and people are data (shared/names/names.ts): `in` and `for...in` also find what
    // every object inherits (`constructor`, `toString`, ...), so a lookup by a name uses own properties only.
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "BinaryExpression[operator='in'][left.type!='Literal']", message: 'A name is data: test it with hasOwnName() from shared/names/names.ts (`in` also finds inherited properties such as constructor).' },
        { selector: 'ForInStatement', message: 'for...in also visits inherited properties: use Object.keys() or Object.entries().' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.mjs', 'bin/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
);
