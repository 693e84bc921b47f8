import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { HostError } from './board-folder.ts';
import { APP_ORIGIN } from '../main/window-options.ts';

// Where the app server listens and which addresses others can use to reach it. Loopback is the
// default; anything else makes the server reachable from the network, and http-server.ts then
// asks every API call for the facilitator's key.

export const DEFAULT_LISTEN = '127.0.0.1';

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** Checks a `--host` value: an IPv4 or IPv6 address, or a host name. */
export function parseListenAddress(value: string): string {
  const address = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  if (isIP(address) === 0 && !/^[a-z0-9]([a-z0-9-]{0,62})(\.[a-z0-9]([a-z0-9-]{0,62}))*$/i.test(address)) {
    throw new HostError(
      `--host must be an address to listen on (127.0.0.1, 0.0.0.0, 192.168.1.20, ::) or a host name, not "${value}".`,
    );
  }
  return address;
}

export function isLoopback(address: string): boolean {
  const a = address.toLowerCase();
  return a === 'localhost' || a === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(a);
}

/** Listening on every interface (the participants' machines reach it at the machine's addresses). */
export function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

/** An address as the host part of a URL or a Host header: IPv6 in brackets. */
export function urlHost(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address;
}

/**
 * The addresses other machines can use: the chosen one, or for a wildcard every non-internal
 * IPv4 address of this machine (IPv6 link-local addresses need a zone that browsers refuse in URLs).
 */
export function reachableAddresses(listen: string, interfaces: Interfaces = networkInterfaces()): string[] {
  if (!isWildcard(listen)) return [listen];
  const found: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? [])
      if (info.family === 'IPv4' && !info.internal && !found.includes(info.address)) found.push(info.address);
  }
  return found;
}

/** Base URLs (`http://host:port/`) for the people who join: every address they may reach. */
export function joinBases(listen: string, port: number, interfaces?: Interfaces): string[] {
  if (isLoopback(listen)) return [localBase(listen, port)];
  return reachableAddresses(listen, interfaces).map((a) => `http://${urlHost(a)}:${port}/`);
}

/** How a browser on this machine reaches the server: loopback wherever the server listens there too. */
export function localHost(listen: string): string {
  return isWildcard(listen) || listen === 'localhost' ? '127.0.0.1' : urlHost(listen);
}

export function localBase(listen: string, port: number): string {
  return `http://${localHost(listen)}:${port}/`;
}

/**
 * Whether a request's Host header names this server (anything else is DNS rebinding: a page of
 * another site that resolved its own name to this address). Loopback names are always ours; a
 * wildcard server also answers to every address of the machine, looked up again as they change.
 */
export function hostMatcher(
  listen: string,
  port: number,
  interfaces: () => Interfaces = networkInterfaces,
): (host: string) => boolean {
  const fixed = new Set([
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    `[::1]:${port}`,
    `${urlHost(listen.toLowerCase())}:${port}`,
  ]);
  return (host) => {
    const h = host.toLowerCase();
    if (fixed.has(h)) return true;
    if (!isWildcard(listen)) return false;
    for (const list of Object.values(interfaces()))
      for (const info of list ?? []) if (`${urlHost(info.address.toLowerCase())}:${port}` === h) return true;
    return false;
  };
}

/**
 * Whether a WebSocket upgrade's Origin may open the workshop: none (not a browser: a script or
 * the bench, which could send any header anyway), the desktop window's page, or a page of this
 * server under a name `ours` accepts. A page of any other site is refused even with a token.
 */
export function socketOriginAllowed(origin: string | undefined, ours: (host: string) => boolean): boolean {
  if (origin === undefined) return true;
  if (origin === APP_ORIGIN) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin && ours(url.host);
}
