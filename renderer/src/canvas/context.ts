import { getContext, setContext } from 'svelte';
import type { Workbench } from '../workbench.svelte.ts';
import type { BoxGrid } from '../../../model/board/link-label.ts';

// Node and edge components are created by Svelte Flow, not by us, so they reach the app this way.
const KEY = Symbol('workbench');
export const provideWorkbench = (app: Workbench): Workbench => setContext(KEY, app);
export const useWorkbench = (): Workbench => getContext<Workbench>(KEY);

// What link labels keep off (the names on the stickies), built once per board for every link.
const OBSTACLES = Symbol('label-obstacles');
export const provideLabelObstacles = (source: { readonly grid: BoxGrid }): void => void setContext(OBSTACLES, source);
export const useLabelObstacles = (): { readonly grid: BoxGrid } => getContext<{ readonly grid: BoxGrid }>(OBSTACLES);
