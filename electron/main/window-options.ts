import type { BrowserWindowConstructorOptions } from 'electron';

/** The app's own scheme: pages come from `app://stormbench/`, never from `file://`. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://stormbench`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * The one place window options are decided (Electron's security checklist): the renderer runs
 * sandboxed, isolated from the preload, without Node, and cannot turn any of that back on.
 */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Stormbench',
    backgroundColor: '#eef0f4',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}

/** Whether a frame's URL is our app (the only sender the main process answers). */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'stormbench';
  } catch {
    return false;
  }
}
