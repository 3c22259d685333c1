// Lint rules (npm run lint, part of npm test). The one structural rule: the
// heading engine stays pure — no vscode, no protocol packages, no Node — so
// the same code runs in the server, the CLI, a browser build and the tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', '.vscode-test/', 'test/e2e/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // Unused code fails the typecheck already (noUnused*); `_` marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // U+3000 and friends are everyday text in Chinese strings and comments; outside them they are still an error.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipComments: true, skipTemplates: true, skipRegExps: true }],
    },
  },
  {
    // Build and test scripts run on Node.
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
  },
  {
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode', 'vscode-*', '@tigang/protocol'], message: 'The engine is pure: no vscode or protocol imports (server/src/engine/index.ts).' },
            { group: ['node:*', 'fs', 'path', 'os', 'url', 'child_process', 'worker_threads'], message: 'The engine is pure: no Node imports; file access goes through the workspace (server/src/workspace/fs.ts).' },
            { group: ['../*', '!../engine'], message: 'The engine imports nothing outside server/src/engine/.' },
          ],
        },
      ],
    },
  },
);
