import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // The CLI tests spawn real processes; two cores are all a CI machine has.
    testTimeout: 30_000,
  },
});
