// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import appsync from '@aws-appsync/eslint-plugin';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '.data',
      'coverage',
      'resolvers/generated',
      'clients/*/src/gql',
      'clients/backoffice/.angular',
      'infra/cdk.out',
      'test-results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    // The browser apps and what they share.
    files: ['clients/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests and benchmarks read free-form GraphQL JSON answers.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Backend code logs through the one structured logger, never the console.
    files: ['resolvers/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // APPSYNC_JS is its own dialect: no try/catch/throw, no while, no ++ (the runtime rejects them).
    ...appsync.configs.recommended,
    files: ['resolvers/appsync/**/*.ts'],
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      parserOptions: { project: './resolvers/appsync/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
);
