import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Two bundles for the Electron shell: the main process (ESM) and the sandboxed preload (CommonJS,
// which is all a sandboxed preload can load). `--mode preload` builds the second.
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig(({ mode }) => {
  const entry = mode === 'preload' ? 'preload' : 'main';
  return {
    build: {
      outDir: fileURLToPath(new URL('../dist/electron', import.meta.url)),
      emptyOutDir: false,
      target: 'node20',
      ssr: true,
      minify: false,
      lib: {
        entry: fileURLToPath(new URL(entry === 'main' ? './main/main.ts' : './preload/preload.ts', import.meta.url)),
        formats: [entry === 'main' ? 'es' : 'cjs'],
        fileName: () => (entry === 'main' ? 'main.js' : 'preload.cjs'),
      },
      rollupOptions: { external },
    },
    ssr: { noExternal: true },
  };
});
