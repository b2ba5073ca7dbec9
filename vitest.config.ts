import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Note: type-graphql loads graphql's CommonJS build; Vite would otherwise pick the
    // ESM build for our own imports and the schema would mix two graphql "realms".
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/neo4j/**'] },
      },
      {
        // Every file here talks to one real Neo4j database, so they run one at a time.
        extends: true,
        test: {
          name: 'neo4j',
          include: ['tests/neo4j/**/*.test.ts'],
          globalSetup: ['tests/setup/neo4j-global.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
