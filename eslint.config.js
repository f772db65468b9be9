// ESLint (flat config): typescript-eslint's recommended rules plus the house rules that keep the
// architecture honest: the verification core stays pure, and nothing builds HTML from strings.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NO_HTML_FROM_STRINGS = [{ object: 'document', property: 'write', message: 'Never build HTML from strings.' }];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
      'demo-output/**',
      '.cache/**',
      'test/fixtures/**',
      'e2e/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node, ...globals.webextensions },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-properties': ['error', ...NO_HTML_FROM_STRINGS],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'AssignmentExpression > MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
          message: 'Never build HTML from strings (innerHTML/outerHTML).',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Never build HTML from strings (insertAdjacentHTML).',
        },
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Never build HTML from strings (dangerouslySetInnerHTML).',
        },
        { selector: "CallExpression[callee.name='eval'], NewExpression[callee.name='Function']", message: 'No eval.' },
      ],
    },
  },
  {
    // The verification core runs unchanged in Node, the CLI and the worker: no DOM, browser or Node APIs.
    files: ['src/verify/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'util', 'os'],
              message: 'src/verify is pure: no Node built-ins (the bundler shims crypto/util for @sigstore only).',
            },
            {
              group: ['webextension-polyfill', 'preact', 'preact/*', '../background/*', '../content/*', '../ui/*'],
              message: 'src/verify is pure: no browser or UI code.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'chrome', 'browser', 'localStorage', 'fetch'],
    },
  },
  {
    // i18n sits below everything that speaks (ui, content, background, history, report, CLI): it
    // imports none of them, so any layer can use t() without climbing into another.
    files: ['src/i18n/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'webextension-polyfill',
                'preact',
                'preact/*',
                '../ui/*',
                '../content/*',
                '../background/*',
                '../history/*',
                '../report/*',
                '../cli/*',
                '../popup/*',
                '../options/*',
                '../settings*',
                '../messages*',
              ],
              message: 'src/i18n is the bottom layer: it imports only messages.json.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'e2e/**/*.ts', 'e2e-firefox/**/*.ts', 'scripts/**/*.{ts,mjs,js}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': 'off',
    },
  },
);
