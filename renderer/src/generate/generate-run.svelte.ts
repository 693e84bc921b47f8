import { serializeBoard } from '../../../model/board/serialize.ts';
import type { ResponseMode } from '../../../model/board/types.ts';
import { call, HostFailure } from '../host.ts';
import type { GeneratedService, GenerateIssue, GeneratePreview } from '../../../contract/generate.ts';
import type { Workbench } from '../workbench.svelte.ts';
import { issueTargets } from './issues.ts';

/** Where services go unless the user says otherwise (the host's default too). */
export const DEFAULT_OUT = 'services';
const PREVIEW_DELAY_MS = 250;
/** The folder of the last run in this window, offered again the next time. */
let lastOut = DEFAULT_OUT;

export interface Progress {
  done: number;
  total: number;
  /** The context being generated now. */
  current?: string;
}

/**
 * One use of the generate dialog: what is chosen, the host's preview of it, the run and its result.
 * The board is sent as it is now, saved or not, like the exports; the response mode is written to
 * the board (one undo step), so the board and the service it makes agree.
 */
export class GenerateRun {
  chosen = $state.raw<readonly string[]>([]);
  out = $state(lastOut);
  preview = $state.raw<GeneratePreview | undefined>(undefined);
  /** A refusal of the request itself (an output folder outside the board folder, a host gone). */
  error = $state<string | undefined>(undefined);
  previewing = $state(false);
  phase = $state<'choose' | 'running' | 'done'>('choose');
  progress = $state.raw<Progress>({ done: 0, total: 0 });
  results = $state.raw<readonly GeneratedService[]>([]);
  /** Why the run stopped before the end: the host's problems with their stickies. */
  refused = $state.raw<readonly GenerateIssue[]>([]);
  readonly #app: Workbench;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #asked = 0;

  constructor(app: Workbench) {
    this.#app = app;
    const contexts = app.store.board.contexts;
    // A sticky selected in a context says which service the user has in mind; otherwise all.
    const selected = app.store.selection.map(
      (id) => app.store.elementById.get(id)?.context ?? (contexts.some((c) => c.id === id) ? id : undefined),
    );
    const hinted = contexts.filter((c) => selected.includes(c.id)).map((c) => c.id);
    this.chosen = hinted.length > 0 ? hinted : contexts.map((c) => c.id);
  }

  get contexts() {
    return this.#app.store.board.contexts;
  }

  readonly canGenerate = $derived(
    this.phase === 'choose' &&
      !this.previewing &&
      this.error === undefined &&
      this.chosen.length > 0 &&
      this.preview !== undefined &&
      this.preview.problems.length === 0 &&
      this.preview.services.length === this.chosen.length,
  );

  toggle(id: string, on: boolean): void {
    const order = this.contexts.map((c) => c.id);
    const next = on ? [...this.chosen, id] : this.chosen.filter((c) => c !== id);
    this.chosen = order.filter((c) => next.includes(c));
  }

  setMode(id: string, mode: ResponseMode): void {
    const context = this.contexts.find((c) => c.id === id);
    if (!context || context.service?.responseMode === mode) return;
    this.#app.store.updateContext(id, { service: { ...context.service, responseMode: mode } }, 'set response mode');
  }

  /** Asks the host again, a moment after the last change; answers to older questions are dropped. */
  schedulePreview(): void {
    clearTimeout(this.#timer);
    // Without a context there is nothing to preview; the dialog says how to draw one.
    if (this.phase !== 'choose' || this.contexts.length === 0) return;
    this.previewing = true;
    this.#timer = setTimeout(() => void this.#askPreview(), PREVIEW_DELAY_MS);
  }

  async #askPreview(): Promise<void> {
    const asked = ++this.#asked;
    try {
      const preview = await call('previewGenerate', {
        text: serializeBoard(this.#app.store.board),
        out: this.out,
        contexts: [...this.chosen],
      });
      if (asked !== this.#asked) return;
      this.preview = preview;
      this.error = undefined;
    } catch (error) {
      if (asked !== this.#asked) return;
      this.preview = undefined;
      this.error = messageOf(error);
    } finally {
      if (asked === this.#asked) this.previewing = false;
    }
  }

  /** One context per call, so the progress shown is the real one. */
  async generate(): Promise<void> {
    if (!this.canGenerate) return;
    clearTimeout(this.#timer);
    this.#asked++;
    const text = serializeBoard(this.#app.store.board);
    const names = new Map(this.contexts.map((c) => [c.id, c.name]));
    const contexts = [...this.chosen];
    this.phase = 'running';
    this.results = [];
    this.refused = [];
    this.error = undefined;
    for (const [i, id] of contexts.entries()) {
      this.progress = { done: i, total: contexts.length, current: names.get(id) ?? id };
      try {
        const outcome = await call('generate', { text, out: this.out, context: id });
        if (!outcome.ok) {
          this.refused = outcome.problems;
          break;
        }
        this.results = [...this.results, outcome.service];
      } catch (error) {
        this.error = `${names.get(id) ?? id} was not generated: ${messageOf(error)}`;
        break;
      }
    }
    this.progress = { done: this.results.length, total: contexts.length };
    this.phase = 'done';
    const count = this.results.length;
    if (count > 0) lastOut = this.out;
    if (count > 0)
      this.#app.say(
        `Generated ${count} service${count === 1 ? '' : 's'} into ${this.out.trim()}/ in the board folder.`,
      );
  }

  /** Back to the choices, e.g. after fixing the board; the preview is asked for again. */
  again(): void {
    this.phase = 'choose';
    this.results = [];
    this.refused = [];
    this.error = undefined;
    this.schedulePreview();
  }

  /** Takes the user to the stickies (or the frame) an issue is about, all selected, and out of the dialog. */
  show(issue: GenerateIssue): void {
    const ids = issueTargets(issue);
    if (ids.length === 0) return;
    this.#app.store.select(ids);
    this.#app.flow?.fit(ids);
    this.close();
  }

  /** A context's name as the board has it now, for the refusals the planner found in it. */
  contextName(id: string): string | undefined {
    return this.contexts.find((c) => c.id === id)?.name;
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#asked++;
    this.#app.dialog = undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof HostFailure || error instanceof Error ? error.message : String(error);
}
