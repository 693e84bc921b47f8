import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The board store is a Svelte 5 runes module (renderer/src/store/board-store.svelte.ts): the
  // plugin compiles it with the renderer's options for the client runtime, whose reactivity needs
  // no DOM, so test/support/test-board.ts drives it in Node.
  plugins: [svelte({ configFile: 'renderer/svelte.config.js', dynamicCompileOptions: () => ({ generate: 'client' }) })],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // The CLI tests spawn real processes; two cores are all a CI machine has.
    testTimeout: 30_000,
  },
});
