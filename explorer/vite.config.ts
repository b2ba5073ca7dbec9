import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The explorer page: built into dist/explorer/ and served by the API server at /explore/.
 * Everything (sigma, graphology, styles) is bundled; the page loads nothing from elsewhere.
 */
export default defineConfig({
  root: here,
  base: '/explore/',
  // Note: no public/ folder; every asset is imported, so it gets a hashed name.
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/explorer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    // `npx vite explorer` during development: GraphQL goes to a running `npm start`.
    proxy: { '/graphql': 'http://127.0.0.1:4000' },
  },
});
