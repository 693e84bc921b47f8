import { getContext, setContext } from 'svelte';
import type { Workbench } from '../workbench.svelte.ts';

// Node and edge components are created by Svelte Flow, not by us, so they reach the app this way.
const KEY = Symbol('workbench');
export const provideWorkbench = (app: Workbench): Workbench => setContext(KEY, app);
export const useWorkbench = (): Workbench => getContext<Workbench>(KEY);
