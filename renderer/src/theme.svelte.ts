import { themeCss, type ThemeName } from '../../model/theme/tokens.ts';

/** The user's choice: a theme, or the system's (`prefers-color-scheme`). */
export type ThemeChoice = ThemeName | 'system';

const STORAGE_KEY = 'stormbench.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';
const STYLE_ID = 'stormbench-tokens';

/**
 * Which theme the app is drawn in. The colours themselves are CSS custom properties
 * (model/theme/tokens.ts); this only says which set applies, by `data-theme` on the root element
 * when the user chose one, and remembers the choice in the window's storage. `name` is for what
 * CSS cannot reach: the canvases the far layer and the minimap paint.
 */
export class Theme {
  #choice = $state<ThemeChoice>('system');
  #systemDark = $state(false);

  readonly name: ThemeName = $derived(this.#choice === 'system' ? (this.#systemDark ? 'dark' : 'light') : this.#choice);

  get choice(): ThemeChoice {
    return this.#choice;
  }

  /** Puts the tokens' stylesheet in the page, reads the remembered choice, follows the system's. */
  install(): void {
    if (!document.getElementById(STYLE_ID)) {
      const style = document.createElement('style');
      style.id = STYLE_ID;
      style.textContent = themeCss();
      document.head.prepend(style);
    }
    const query = window.matchMedia(DARK_QUERY);
    this.#systemDark = query.matches;
    query.addEventListener('change', (e) => (this.#systemDark = e.matches));
    const stored = readStored();
    if (stored) this.#apply(stored);
  }

  /** Light ↔ dark, from whatever is showing now; remembered. */
  toggle(): void {
    this.choose(this.name === 'dark' ? 'light' : 'dark');
  }

  choose(choice: ThemeChoice): void {
    this.#apply(choice);
    try {
      if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // Storage refused (a private window): the choice holds until the page is closed.
    }
  }

  #apply(choice: ThemeChoice): void {
    this.#choice = choice;
    if (choice === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = choice;
  }
}

function readStored(): ThemeChoice | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : undefined;
  } catch {
    return undefined;
  }
}
