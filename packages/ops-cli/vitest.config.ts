import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'ops-cli',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
