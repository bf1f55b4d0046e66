import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'node-sdk',
    include: ['test/**/*.test.ts'],
    // The client is also tested against a real control plane (test-platform), on the database CI gives.
    globalSetup: ['../../control-plane/test/support/global-setup.ts'],
    provide: { givenDatabaseUrl: process.env.DATABASE_URL ?? '' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
