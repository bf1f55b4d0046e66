import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'tenant-infra',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
