/**
 * The app's Content-Security-Policy, the same in Electron and in the browser. No inline scripts,
 * nothing from the network. `'unsafe-eval'` is the one exception: the linter checks users' JSON
 * Schemas with ajv, which compiles each schema into a function.
 * `style-src 'unsafe-inline'` is needed by Svelte Flow, which positions nodes with style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
