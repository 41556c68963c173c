// typescript-eslint over the whole project (server, drivers, UIs, tests, bench): `npm run lint`.
// Syntactic rules, and two type-aware ones for server/, drivers/ and db/ (see below).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'bench/results/', 'tests/e2e/__screenshots__/', '.vite/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a parameter or element kept for its position; `...rest` drops fields on purpose
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // a `let` declared early so that a signal handler can see it is not a mistake
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `done || push()` as a statement is a style the code uses
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  {
    // The store's ports are async: a call whose promise nobody awaits runs after its transaction
    // ended, and its error is lost. Type-aware, so only for the server side's own code.
    files: ['server/**/*.ts', 'drivers/**/*.ts', 'db/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // test and bench helpers parse any JSON a server answers
    files: ['tests/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
