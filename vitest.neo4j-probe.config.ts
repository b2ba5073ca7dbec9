import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    include: ['tests/neo4j-launcher.test.ts'],
    globalSetup: ['tests/setup/neo4j-global.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
