import { extname } from 'node:path';

const TYPES = new Map<string, string>([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.json', 'application/json'],
  ['.woff2', 'font/woff2'],
]);

/** The Content-Type of a file of the built app, for both the app:// protocol and `stormbench serve`. */
export function contentTypeOf(path: string): string {
  return TYPES.get(extname(path)) ?? 'application/octet-stream';
}
