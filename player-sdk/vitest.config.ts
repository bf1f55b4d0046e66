import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // DOM tests opt in per file with `// @vitest-environment happy-dom`.
    environment: 'node',
    // The size-budget test may build the SDK first (about 15 s on two cores).
    testTimeout: 120_000,
  },
});
