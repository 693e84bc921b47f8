import { existsSync } from 'node:fs';

/**
 * The programs the suite drives besides Node, found one way for every test, bench and the check
 * that runs before `npm test` (scripts/test-prerequisites.ts). Debian's packages put them here.
 */
export const CHROMIUM = process.env.STORMBENCH_CHROMIUM ?? '/usr/bin/chromium';
export const NATS_SERVER =
  process.env.NATS_SERVER ?? (existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server');

/** Headless Chromium as this machine's closed network needs it (no sandbox as root, no GPU, no calls home). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
