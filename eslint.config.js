// ESLint flat config. The edge-safe core (everything under src/ except cli/, store/, node/ and the
// Node server entry) may not import Node built-ins, touch process/Buffer, or generate code at run time.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/promises',
  'path',
  'os',
  'crypto',
  'buffer',
  'child_process',
  'worker_threads',
  'stream',
  'url',
  'util',
  'http',
  'https',
  'net',
  'zlib',
  'module',
  'process',
  'readline',
  'events',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.scratch/**',
      'node_modules/**',
      'coverage/**',
      'src/feeds/generated/**',
      'src/generated/**',
      'bench/results/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      complexity: ['warn', 25],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: [
      'src/cli/**',
      'src/store/**',
      'src/node/**',
      'src/server/node*.ts',
      'src/federation/**',
      'src/jobs/**',
      '**/*.test.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: nodeBuiltins.map((n) => ({
            group: [n],
            message:
              'The core is edge-safe: inject runtime services instead of importing Node built-ins.',
          })),
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', '__filename', 'require'],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**', 'bench/**', 'scripts/**'],
    rules: { 'max-lines': 'off', complexity: 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
