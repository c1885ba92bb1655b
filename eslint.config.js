// @ts-check
// ESLint flat config: typescript-eslint's type-checked recommended rules (about 7 s for the whole repo
// on 2 cores), with formatting left to Prettier.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const pureDomain = 'libs/domain stays pure: no framework, database, queue, mail or network I/O. Put the I/O behind a port in an outer lib.';

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'coverage/', 'out/', '.data/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      // types come from the tsconfig.json nearest each file
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_`-prefixed names mark parameters and values left unused on purpose
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // the web app runs in the browser: its globals, and TSX
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // plain JavaScript config files are outside every tsconfig
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // jest's asymmetric matchers (expect.objectContaining, expect.any) and supertest's res.body are typed `any`
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', 'test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['libs/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^@nestjs/', message: pureDomain },
            { regex: '^(typeorm|bullmq|ioredis|pg|nodemailer|express)(/.*)?$', message: pureDomain },
            { regex: '^(node:)?(fs|net|http|https|http2|tls|dgram|child_process)(/.*)?$', message: pureDomain },
          ],
        },
      ],
    },
  },
  // last, so it switches off every rule that would fight Prettier
  prettier,
);
