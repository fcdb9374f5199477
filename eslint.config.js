// Lint enforces the layering of ../shared/guide/ARCHITECTURE.md: imports only point down.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeModules = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'stream', 'url', 'crypto', 'util', 'zlib', 'events', 'worker_threads'];
const uiModules = ['react', 'react-dom', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*', 'zundo'];
const hostModules = ['electron', 'electron/*', '@kubernetes/*'];

const layer = (message, groups) => ({ patterns: groups.map((group) => ({ group, message })) });

// Names from files, clusters and people are data (shared/names/names.ts): `in` and `for...in` also find what
// every object inherits (`constructor`, `toString`, ...), so a lookup by a name uses own properties only.
const nameRules = [
  { selector: "BinaryExpression[operator='in'][left.type!='Literal']", message: 'A name is data: test it with hasOwnName() from shared/names/names.ts (`in` also finds inherited properties such as constructor).' },
  { selector: 'ForInStatement', message: 'for...in also visits inherited properties: use Object.keys() or Object.entries().' },
];

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
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', ...nameRules],
    },
  },
  {
    // renderer/ draws and dispatches: walking a graph's tasks or groups (which condition owns a branch, what sits in
    // a group, who feeds whom) is asked of the graph index (shared/model/graph-index.ts) or done by an edit module
    // (shared/edit/), so the canvas, Properties and Problems cannot disagree. Object.keys (ids, counts) stays allowed.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...nameRules,
        {
          selector: "CallExpression[callee.object.name='Object'][callee.property.name=/^(values|entries)$/] > MemberExpression.arguments[property.name=/^(tasks|groups)$/]",
          message: "renderer/ does not walk a graph's tasks or groups: ask graphIndex(graph) (shared/model/graph-index.ts) or put the rule in shared/edit/, so the canvas, Properties and Problems answer alike.",
        },
        {
          selector: "CallExpression[callee.object.property.name='branches'][callee.property.name=/^(find|some)$/][arguments.0.body.left.property.name='id']",
          message: 'Which condition owns a branch is graphIndex(graph).ownerOf(id) or .branches.get(id) (shared/model/graph-index.ts): do not search the groups for it.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.mjs', 'bin/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
);
