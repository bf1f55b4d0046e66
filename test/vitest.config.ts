import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['../control-plane/test/support/global-setup.ts'],
    provide: { givenDatabaseUrl: process.env.DATABASE_URL ?? '' },
    include: ['e2e/**/*.test.ts', 'browser/**/*.test.ts', 'deploy/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
