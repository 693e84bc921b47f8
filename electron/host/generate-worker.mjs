// The generate dialog's worker thread (see generate-runner.ts). A worker does not inherit the
// launcher's TypeScript loader, so it registers tsx itself before loading the TypeScript side.
import { register } from 'tsx/esm/api';

register();
await import('./generate-worker.ts');
