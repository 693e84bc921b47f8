import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { contentTypeOf } from '../host/content-types.ts';
import { CONTENT_SECURITY_POLICY } from '../host/csp.ts';

/**
 * Answers `app://stormbench/<path>` from the built app folder, with the app's CSP on every
 * response. Paths that would leave the folder are not found, whatever their encoding.
 */
export async function serveAppFile(appDir: string, url: string): Promise<Response> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return new Response('Bad request', { status: 400 });
  }
  const root = resolve(appDir);
  const path = resolve(root, pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, ''));
  if (!path.startsWith(root + sep)) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(path);
    return new Response(body, {
      headers: {
        'content-type': contentTypeOf(path),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
