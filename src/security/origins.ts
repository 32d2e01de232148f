import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import { csrfHeader } from './csrf.ts';

/** An origin as a browser sends it in `Origin`: scheme, host and port, nothing more. */
const isOrigin = (value: string) => !value.includes('*') && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) && new URL(value).origin === value;

/**
 * CORS_ORIGINS: comma-separated origins (`https://app.example.com`) whose pages may read the gateway's
 * answers; unset, none. `*` is refused: with it any page could read GraphiQL's page and whatever a
 * caller's browser is sent.
 */
export const corsOriginsSetting = z
  .string()
  .optional()
  .transform((raw) => (raw ?? '').split(',').map((origin) => origin.trim()).filter(Boolean))
  .pipe(z.array(z.string().refine(isOrigin, 'CORS_ORIGINS must list origins such as https://app.example.com (scheme, host and port; * is not allowed)')));

const hostName = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** HOST: the address to listen on, an IP address or a host name of this machine. */
export const hostSetting = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isIP(v) !== 0 || hostName.test(v), 'HOST must be an IP address or a host name (e.g. 127.0.0.1, ::, 0.0.0.0)');

/** The address demo mode listens on unless HOST says otherwise: its GraphiQL page holds an all-scope key. */
export const demoHost = '127.0.0.1';

/** Request headers a page at an allowed origin may send; the rest of a preflight is refused. */
const allowedHeaders = ['authorization', 'content-type', 'accept', 'x-request-id', 'last-event-id', 'traceparent', csrfHeader];

/**
 * Yoga's CORS for the configured origins: an allowed `Origin` is answered with itself and no
 * credentials (callers authenticate with a header, never a cookie); any other origin gets no CORS
 * header at all, so a browser keeps the answer from its page. (Yoga's own default echoes every
 * origin with credentials, and its list form answers `null` to others, which a sandboxed page has.)
 */
export function corsFor(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false as const;
    return { origin, credentials: false, methods: ['GET', 'POST'], allowedHeaders, exposedHeaders: ['x-request-id', 'retry-after'], maxAge: 600 };
  };
}

/**
 * A WebSocket handshake from a browser page carries its `Origin`, and WebSockets know no CORS: only the
 * configured origins may open one. Clients that are not browsers send no `Origin` and are let through.
 */
export function webSocketOriginAllowed(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (origin: string | undefined) => origin === undefined || allowed.has(origin);
}

/** The refusal of a WebSocket handshake from a page at an origin not in CORS_ORIGINS. */
export const originNotAllowed = { message: 'WebSocket connections from this origin are not allowed (CORS_ORIGINS)', extensions: { code: 'ORIGIN_NOT_ALLOWED' } };

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/**
 * True when the connection itself comes from this machine (127.0.0.0/8 or ::1, IPv4-mapped too): unlike
 * `Host`, which any client writes, a socket's remote address cannot be named by the caller.
 */
export function connectedFromLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const family = isIP(address);
  return family !== 0 && loopback.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * True when `Host` names this machine's loopback. A page whose own host name an attacker pointed at
 * 127.0.0.1 (DNS rebinding) is same-origin to its browser, but its `Host` is the attacker's name: demo
 * mode's key is given and taken for loopback names only.
 */
export function namesLoopback(host: string | null | undefined): boolean {
  if (!host || !URL.canParse(`http://${host}`)) return false;
  const name = new URL(`http://${host}`).hostname;
  return name === 'localhost' || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name);
}

/** A request or connection from this machine (its socket) that asked for it by a loopback name (its `Host`). */
export const fromThisMachine = (address: string | undefined, host: string | null | undefined): boolean => connectedFromLoopback(address) && namesLoopback(host);
