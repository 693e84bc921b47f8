// ESLint flat config: typescript-eslint's recommended rules everywhere, eslint-plugin-svelte's
// for components, and eslint-config-prettier last so that layout is Prettier's alone.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      '.stormbench/',
      'test/export/screenshots/',
      'test/e2e/screenshots/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      // `const { dropped: _dropped, ...rest } = value` is how the code leaves a field out of a copy.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read HTTP answers and documents as plain JSON and assert on the values; `unknown` would add casts, not checks.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte', 'renderer/**/*.svelte.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      // State is replaced whole, never mutated in place ($state.raw holding a new Map or Set, as
      // docs/architecture.md asks), and local Maps and Sets are scratch: Svelte's proxies would only cost.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  ...svelte.configs['flat/prettier'],
  prettier,
);
