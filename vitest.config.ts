import { defineConfig } from 'vitest/config';

// One run over every workspace project; each project keeps its own config (timeouts, global setup).
export default defineConfig({
  test: {
    projects: ['control-plane', 'packages/*', 'player-sdk', 'tenant-infra', 'tenant-portal', 'test'],
  },
});
