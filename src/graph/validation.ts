import { BlockList, isIP } from 'node:net';
import { ValidationError } from './typed-errors.ts';

/**
 * Input checks made before any upstream call. Each throws a ValidationError naming the input field,
 * so that a caller can point at it.
 */

export function requireText(field: string, value: string, max = 256): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new ValidationError(field, `${field} must not be empty`);
  if (trimmed.length > max) throw new ValidationError(field, `${field} must be at most ${max} characters`);
  return trimmed;
}

export function optionalText(field: string, value: string | null | undefined, max = 256): string | undefined {
  return value === null || value === undefined ? undefined : requireText(field, value, max);
}

/** ISO 4217 style: three upper-case letters (dxCore compares currencies as given). */
export function requireCurrency(field: string, value: string): string {
  if (!/^[A-Z]{3}$/.test(value)) throw new ValidationError(field, `${field} must be a 3-letter upper-case currency code, e.g. USD`);
  return value;
}

/** The currency's minor unit in decimals (USD 2, JPY 0, BHD 3), from the runtime's ISO 4217 data; 2 for a code it does not know. */
export const currencyDecimals = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/**
 * Decimals of a number as JavaScript writes it shortest (0.1 → 1, 1.5e-7 → 8): the digits the caller
 * sent, without binary noise. By hand: neither Intl nor the language gives a number's own decimals.
 */
function decimalPlaces(value: number): number {
  const [mantissa = '', exponent = '0'] = Math.abs(value).toString().split('e');
  return Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponent));
}

const signRules = {
  positive: { holds: (v: number) => v > 0, text: 'greater than 0' },
  nonZero: { holds: (v: number) => v !== 0, text: 'non-zero' },
  nonNegative: { holds: (v: number) => v >= 0, text: '0 or more' },
} as const;

/**
 * A money amount in `currency`, for every money input (transfers, balances, credit): finite, of the
 * sign the operation needs, in whole minor units (no fraction of a cent), and small enough that its
 * minor units are exact in a double (at most 2^53 - 1 of them: 90,071,992,547,409.91 USD), so that
 * no later sum loses a cent to rounding.
 */
export function requireAmount(field: string, value: number, currency: string, sign: keyof typeof signRules): number {
  if (!Number.isFinite(value)) throw new ValidationError(field, `${field} must be a finite number`);
  const rule = signRules[sign];
  if (!rule.holds(value)) throw new ValidationError(field, `${field} must be ${rule.text}`);
  const decimals = currencyDecimals(currency);
  if (decimalPlaces(value) > decimals) throw new ValidationError(field, `${field} must be a whole number of ${currency} minor units (at most ${decimals} decimals)`);
  const max = Number.MAX_SAFE_INTEGER / 10 ** decimals;
  if (Math.abs(value) > max) throw new ValidationError(field, `${field} must be at most ${max.toFixed(decimals)} ${currency}`);
  return value;
}

export function optionalAmount(field: string, value: number | null | undefined, currency: string, sign: keyof typeof signRules): number | undefined {
  return value === null || value === undefined ? undefined : requireAmount(field, value, currency, sign);
}

/** Ids the caller chooses (transfer ids): they end up in an upstream URL path, so keep them plain. */
export function requireId(field: string, value: string): string {
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(value)) throw new ValidationError(field, `${field} must be 1-64 characters of letters, digits, '.', '_', ':' or '-'`);
  return value;
}

/**
 * local@label.label…: every part is a run of characters its neighbours cannot hold, so matching is
 * linear; an overlapping pattern (`[^@]+\.[^@]+`) backtracks quadratically on `a@....@`, seconds of
 * the event loop per 100 KB value. The length is checked first all the same.
 */
const emailPattern = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export function requireEmail(field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed.length > 254 || !emailPattern.test(trimmed)) throw new ValidationError(field, `${field} must be an email address`);
  return trimmed;
}

/** A point in time that must lie ahead (notification expiry, subscription end dates). */
export function requireFuture(field: string, value: Date, now = Date.now()): Date {
  if (value.getTime() <= now) throw new ValidationError(field, `${field} must be in the future`);
  return value;
}

export function requireNonEmptyList<T>(field: string, values: readonly T[], max = 100): readonly T[] {
  if (values.length === 0) throw new ValidationError(field, `${field} must not be empty`);
  if (values.length > max) throw new ValidationError(field, `${field} must have at most ${max} items`);
  return values;
}

/** Loopback, private, link-local, shared and unspecified addresses: a link handed to an outside service has no reason to point there. */
const privateAddresses = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
  privateAddresses.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) privateAddresses.addSubnet(network, prefix, 'ipv6');

function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const family = isIP(host);
  // BlockList also matches IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) against the IPv4 ranges.
  return family !== 0 && privateAddresses.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * A caller's URL that the gateway passes on (a redirect after a signup form): an absolute http(s) URL
 * with no control characters (no header or log injection), no userinfo (no credentials, no
 * `trusted.example@evil.example` disguise) and no loopback or private address. Answered normalised
 * (WHATWG), so the upstream gets exactly what was checked.
 */
export function optionalUrl(field: string, value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.length > 2048) throw new ValidationError(field, `${field} must be at most 2048 characters`);
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) throw new ValidationError(field, `${field} must not contain control characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError(field, `${field} must be an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError(field, `${field} must be an http or https URL`);
  if (url.username !== '' || url.password !== '') throw new ValidationError(field, `${field} must not contain a user name or password`);
  if (isPrivateHost(url.hostname)) throw new ValidationError(field, `${field} must not point to a loopback or private address`);
  if (url.href.length > 2048) throw new ValidationError(field, `${field} must be at most 2048 characters`);
  return url.href;
}
