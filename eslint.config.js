import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'packages/proto/src/gen/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver': { typescript: true, node: true },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'import-x/no-default-export': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // The declared light entries (package.json exports) are public too.
              group: [
                '@loglens/*/*',
                '!@loglens/platform/client',
                '!@loglens/query/export-format',
                'loglens/*',
              ],
              message: 'Import a package through its public entry.',
            },
            {
              group: ['../../packages/*', '../../../packages/*', '../../services/*'],
              message: 'No relative imports across packages.',
            },
          ],
        },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['*.config.{js,ts}', '**/bin/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['*.config.{js,ts}'],
    rules: { 'import-x/no-default-export': 'off' },
  },
  {
    files: ['**/bin/*.js'],
    languageOptions: { globals: { process: 'readonly' } },
  },
  {
    // The CLI and benchmarks talk to a person on a terminal.
    files: [
      'packages/cli/src/**',
      'packages/cli/test/**',
      'packages/*/bench/**',
      'services/*/bench/**',
      'bench/**',
      'scripts/**',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
);
