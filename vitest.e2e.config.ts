import { defineConfig } from 'vitest/config';

// The browser tests drive the real app (stormbench serve + Debian's Chromium). One file at a time:
// each starts a server and a browser, and CI machines have two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
