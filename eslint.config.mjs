import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const SCOPES = ['gateway', 'procurement', 'maintenance', 'catering', 'transport', 'evaluation'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', '.houqin/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', 'apps/console/**/*.tsx'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Layers: apps compose services; a service never imports another service.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:service', 'type:platform', 'type:contracts', 'type:domain'] },
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:domain'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:domain'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:domain', 'type:testing'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
            // Bounded contexts: each scope sees only itself and what is shared.
            ...SCOPES.map((scope) => ({ sourceTag: `scope:${scope}`, onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'] })),
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The single-process composition root is the one place that sees every service.
            { sourceTag: 'scope:composition', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../../*'], message: 'Use a path alias (@houqin/...) rather than deep relative imports.' }] }],
    },
  },
  {
    // The business rules stay free of frameworks: a reader learns the domain from domain/ alone.
    files: ['libs/domain/**/*.ts', 'libs/services/*/src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'kafkajs', 'pg', 'ioredis', 'express', 'class-validator', 'class-transformer'], message: 'Domain code is pure TypeScript: no framework, database or transport imports.' },
            { group: ['@houqin/*', '!@houqin/domain'], message: 'Domain code depends only on @houqin/domain.' },
          ],
        },
      ],
    },
  },
  {
    // The web console runs in the browser with a TypeScript config of its own (DOM, JSX).
    files: ['apps/console/**/*.ts', 'apps/console/**/*.tsx', 'apps/console/**/*.mts'],
    languageOptions: {
      parserOptions: { projectService: false, project: ['apps/console/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // One way to talk to the API: the typed client of libs/api-client (its runtime holds the only fetch).
      'no-restricted-globals': [
        'error',
        ...['fetch', 'XMLHttpRequest', 'EventSource', 'WebSocket'].map((name) => ({ name, message: 'The console calls the API only through @houqin/api-client.' })),
      ],
      'no-restricted-properties': [
        'error',
        ...['window', 'globalThis', 'self'].map((object) => ({ object, property: 'fetch', message: 'The console calls the API only through @houqin/api-client.' })),
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: ['axios', 'ky', 'ofetch', 'superagent', 'node-fetch', 'cross-fetch'].map((name) => ({ name, message: 'The console calls the API only through @houqin/api-client.' })),
          patterns: [{ group: ['../../../*'], message: 'Use a path alias (@houqin/...) rather than deep relative imports.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
