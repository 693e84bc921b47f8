/** How the HTTP API answers a command (the three options of the log-subscription pattern). */
export type ResponseMode = 'accepted' | 'appended' | 'applied';
export const RESPONSE_MODES: readonly ResponseMode[] = ['accepted', 'appended', 'applied'];

export function isResponseMode(value: unknown): value is ResponseMode {
  return typeof value === 'string' && (RESPONSE_MODES as readonly string[]).includes(value);
}
