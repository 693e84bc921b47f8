// Svelte 5 in runes mode everywhere; TypeScript in components is handled by the Svelte plugin.
export default {
  compilerOptions: { runes: true },
};
