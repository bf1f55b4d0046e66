import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./test/support/global-setup.ts'],
    // Tests use this PostgreSQL server when given (CI); otherwise global-setup starts an embedded one.
    provide: { givenDatabaseUrl: process.env.DATABASE_URL ?? '' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
