import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'node-sdk',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
