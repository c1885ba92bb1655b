// @ts-check
// ESLint flat config: typescript-eslint's type-checked recommended rules (about 7 s for the whole repo
// on 2 cores), with formatting left to Prettier.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import path from 'node:path';
import tseslint from 'typescript-eslint';

/**
 * Library boundaries, as a local rule (no plugin needed). For code under apps/<app>/src and libs/<lib>/src
 * (tests may reach inside what they test):
 *   - another library only through its entry point `#<lib>`: no `#<lib>/deep/path`, no relative path
 *     into libs/<other>/ or apps/<other>/ (an app does not import another app either);
 *   - a library imports only the libraries LIB_DEPENDENCIES allows it (a new edge is a reviewed change);
 *   - libs/domain imports no other library and nothing but `node:crypto` outside its specs.
 */
const LIB_DEPENDENCIES = {
  domain: [],
  validation: ['domain'],
  config: ['domain', 'validation'],
  queues: ['config'],
  health: ['config'],
  observability: ['domain', 'queues'],
  persistence: ['config', 'domain', 'queues'],
  workflow: ['config', 'domain', 'persistence', 'queues'],
  mail: ['config', 'observability', 'persistence', 'queues'],
  notifications: ['config', 'domain', 'mail', 'persistence', 'queues', 'workflow'],
  channels: ['config', 'domain', 'notifications', 'persistence', 'queues'],
  reports: ['config', 'domain', 'notifications', 'persistence', 'workflow'],
  seeding: ['config', 'domain', 'persistence', 'validation', 'workflow'],
};
const DOMAIN_MAY_IMPORT = new Set(['node:crypto']);
const root = import.meta.dirname;

/** 'libs/persistence' or 'apps/api' for a path under one of them, else null. */
function packageOf(absolute) {
  const rel = path.relative(root, absolute).split(path.sep);
  return (rel[0] === 'libs' || rel[0] === 'apps') && rel.length > 2 ? `${rel[0]}/${rel[1]}` : null;
}

const boundaries = {
  meta: { type: 'problem', schema: [], messages: { boundary: '{{why}}' } },
  create(context) {
    const file = context.filename;
    const own = packageOf(file);
    if (!own || /\.(spec|integration-spec|e2e-spec)\.ts$/.test(file)) return {};
    const [kind, name] = own.split('/');
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const report = (why) => context.report({ node, messageId: 'boundary', data: { why } });
      const lib = /^#([a-z-]+)(\/.*)?$/.exec(source);
      if (lib) {
        if (lib[2]) return report(`import ${lib[1]} through its entry point '#${lib[1]}', not '${source}'`);
        if (kind === 'libs' && lib[1] !== name && !(LIB_DEPENDENCIES[name] ?? []).includes(lib[1])) {
          return report(
            name === 'domain'
              ? 'libs/domain imports no other library: it is pure TypeScript, the others depend on it'
              : `libs/${name} may import only ${(LIB_DEPENDENCIES[name] ?? []).map((l) => '#' + l).join(', ') || 'no library'} (LIB_DEPENDENCIES in eslint.config.js), not '${source}'`,
          );
        }
        return;
      }
      if (source.startsWith('.')) {
        const target = packageOf(path.resolve(path.dirname(file), source));
        if (target && target !== own) {
          return report(
            target.startsWith('libs/')
              ? `import ${target} through its entry point '#${target.slice(5)}', not by a relative path`
              : `${own} does not import ${target}: share the code through a library`,
          );
        }
        return;
      }
      if (own === 'libs/domain' && !DOMAIN_MAY_IMPORT.has(source)) {
        report(`libs/domain stays pure: no framework, package or I/O ('${source}'). Put the I/O behind a port in an outer lib.`);
      }
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};

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
    files: ['apps/*/src/**/*.{ts,tsx}', 'libs/*/src/**/*.ts'],
    plugins: { reformflow: { rules: { boundaries } } },
    rules: { 'reformflow/boundaries': 'error' },
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
