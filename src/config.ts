import { z } from 'zod';
import { scopeNames, type Scope } from './auth/scopes.ts';
import { dxTradeXtModes, type DxTradeXtMode } from './dxtradext-modes.ts';
import { ConfigError, parseJsonSetting, parseWith } from './setting-parsers.ts';
import type { UpstreamsConfig } from './upstreams/index.ts';
import { settingsFor, upstreamSettingsByName } from './upstreams/settings.ts';
import { defaultLoginLimits, defaultQueryLimits, defaultSessionLimits, introspectionSetting, loginLimitsSetting, queryLimitsSetting, rateLimitSetting, sessionLimitsSetting, trustedDocumentsSetting, type SecuritySettings } from './security/settings.ts';
import { corsOriginsSetting, demoHost, hostSetting } from './security/origins.ts';
import { subscriptionsPerCallerSetting } from './security/subscriptions.ts';
import { defaultWebhookLimits, webhookLimitsSetting, type WebhookLimits } from './security/webhook-limits.ts';
import { connectionLimitsSetting, defaultConnectionLimits, type ConnectionLimits } from './security/connections.ts';

export { ConfigError } from './setting-parsers.ts';

export interface GatewayConfig {
  port: number;
  /** HOST: the address to listen on; unset, loopback in demo mode and every interface otherwise. */
  host?: string | undefined;
  /** CORS_ORIGINS: the origins whose browser pages may read answers; none by default. */
  corsOrigins: string[];
  /** CONNECTION_LIMITS over `defaultConnectionLimits`: connections per address and in all, HTTP timeouts. */
  connections: ConnectionLimits;
  /** SUBSCRIPTIONS_PER_CALLER: open subscriptions per caller on one instance; undefined when `off`. @default 100 */
  subscriptionsPerCaller?: number | undefined;
  /** WEBHOOK_LIMITS over `defaultWebhookLimits`: refused webhooks per address, webhooks in progress, body timeout. */
  webhooks: WebhookLimits;
  /** True when no upstream URL is set: the gateway starts the built-in simulators. */
  demo: boolean;
  dxcore?: UpstreamsConfig['dxcore'];
  retail?: UpstreamsConfig['retail'];
  platform?: UpstreamsConfig['platform'];
  webhookSecret?: string;
  /** Caller keys from GATEWAY_API_KEYS: key -> scopes. */
  apiKeys: Map<string, Set<Scope>>;
  redisUrl?: string;
  /** DXTRADEXT_MODE: single-feed (default), xt or crm. */
  mode: DxTradeXtMode;
  /** GRAPHQL_INTROSPECTION, TRUSTED_DOCUMENTS, RATE_LIMIT and GRAPHQL_LIMITS (src/security/). */
  security: SecuritySettings;
  /** SHUTDOWN_GRACE_MS: how long shutdown waits for requests in progress before cutting them. @default 10000 */
  shutdownGraceMs?: number;
  /** SHUTDOWN_DELAY_MS: how long `/readyz` answers 503 before the listener closes, for load balancers to notice. @default 0 */
  shutdownDelayMs?: number;
}

const url = (name: string) =>
  z
    .string()
    .trim()
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), `${name} must be an http(s) URL`)
    .transform((v) => new URL(v));

const required = (name: string) => z.string({ error: `${name} is required` }).trim().min(1, `${name} is required`);

/**
 * A key a caller can send in a header and no one guesses: 16 or more visible ASCII characters. A
 * shorter key is guessable; one with a blank or control character never matches the header's credential.
 */
const usableKey = /^[\x21-\x7e]{16,}$/;

/** Parses GATEWAY_API_KEYS: comma-separated `key=scope|scope`, scopes from the contract or `*`. */
export function parseApiKeys(raw: string | undefined): Map<string, Set<Scope>> {
  const keys = new Map<string, Set<Scope>>();
  if (!raw?.trim()) return keys;
  raw.split(',').forEach((entry, index) => {
    const [key, scopes, ...extra] = entry.trim().split('=');
    const where = `GATEWAY_API_KEYS entry ${index + 1}`;
    if (!key || scopes === undefined || extra.length > 0) throw new ConfigError(`${where} must look like key=scope|scope`);
    if (!usableKey.test(key)) throw new ConfigError(`${where}: a key must be at least 16 characters of visible ASCII, without blanks or control characters`);
    if (keys.has(key)) throw new ConfigError(`${where} repeats a key`);
    const granted = new Set<Scope>();
    for (const scope of scopes.split('|').map((s) => s.trim())) {
      if (scope === '*') scopeNames.forEach((s) => granted.add(s));
      else if ((scopeNames as readonly string[]).includes(scope)) granted.add(scope as Scope);
      else throw new ConfigError(`${where} has unknown scope "${scope}" (allowed: ${scopeNames.join(', ')}, *)`);
    }
    keys.set(key, granted);
  });
  return keys;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT must be an integer from 0 to 65535');
  return port;
}

/** A duration in milliseconds from `name`, `fallback` when unset. */
function parseMs(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new ConfigError(`${name} must be a whole number of milliseconds, 0 or more`);
  return ms;
}

function parseMode(raw: string | undefined): DxTradeXtMode {
  const value = raw?.trim() || 'single-feed';
  if (!(dxTradeXtModes as readonly string[]).includes(value)) throw new ConfigError(`DXTRADEXT_MODE must be one of ${dxTradeXtModes.join(', ')}`);
  return value as DxTradeXtMode;
}

/** Standard Webhooks secrets are `whsec_` and base64; short keys are refused, they make forgeries cheap. */
export function parseWebhookSecret(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const encoded = value.startsWith('whsec_') ? value.slice('whsec_'.length) : undefined;
  const bytes = encoded !== undefined && /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) ? Buffer.from(encoded, 'base64').length : 0;
  if (bytes < 16) throw new ConfigError('WEBHOOK_SECRET must be whsec_ followed by the base64 of at least 16 random bytes');
  return value;
}

/** REDIS_URL: `redis://` or `rediss://` (TLS), as ioredis reads it. */
function parseRedisUrl(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (!URL.canParse(value) || !/^rediss?:$/.test(new URL(value).protocol)) throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  return value;
}

/** The abuse limits' variables; each bad value is a ConfigError naming its variable. */
function parseSecurity(env: NodeJS.ProcessEnv): SecuritySettings {
  return {
    introspection: parseWith(introspectionSetting, env.GRAPHQL_INTROSPECTION),
    trustedDocuments: parseWith(trustedDocumentsSetting, env.TRUSTED_DOCUMENTS),
    trustedDocumentsManifest: env.TRUSTED_DOCUMENTS_MANIFEST?.trim() || undefined,
    rateLimit: parseWith(rateLimitSetting, env.RATE_LIMIT),
    limits: { ...defaultQueryLimits, ...parseJsonSetting('GRAPHQL_LIMITS', env.GRAPHQL_LIMITS, queryLimitsSetting) },
    login: { ...defaultLoginLimits, ...parseJsonSetting('LOGIN_LIMITS', env.LOGIN_LIMITS, loginLimitsSetting) },
    sessions: { ...defaultSessionLimits, ...parseJsonSetting('SESSION_LIMITS', env.SESSION_LIMITS, sessionLimitsSetting) },
  };
}

const upstreamCredentials = ['DXCORE_USERNAME', 'DXCORE_PASSWORD', 'DXCORE_DOMAIN', 'RETAIL_API_KEY', 'PLATFORM_API_KEY'] as const;

/**
 * Demo mode only where nothing says this is a deployment: upstream credentials without their URLs are a
 * deployment that lost its URLs (it must not answer from simulators), and a shared Redis would carry the
 * simulators' events and sessions to real instances.
 */
function demoAllowed(env: NodeJS.ProcessEnv): true {
  const none = 'DXCORE_URL, RETAIL_URL and PLATFORM_URL are not';
  const credential = upstreamCredentials.find((name) => env[name]?.trim());
  if (credential) throw new ConfigError(`${credential} is set but ${none}: set the three URLs, or unset ${credential} to run the simulators (demo mode)`);
  if (env.REDIS_URL?.trim()) {
    throw new ConfigError(`REDIS_URL is set but ${none}: demo mode keeps its events and sessions in memory; unset REDIS_URL, or point the gateway at upstreams (npm run simulators prints how)`);
  }
  return true;
}

/**
 * Reads the contract's environment variables. With no upstream URL set the gateway runs in demo mode
 * against its simulators; setting some but not all upstream URLs is an error, so that a typo can
 * never silently put a simulator in front of production callers.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const urls = { DXCORE_URL: env.DXCORE_URL, RETAIL_URL: env.RETAIL_URL, PLATFORM_URL: env.PLATFORM_URL };
  const set = Object.entries(urls).filter(([, v]) => v?.trim());
  const host = parseWith(hostSetting, env.HOST);
  const base = {
    port: parsePort(env.PORT),
    corsOrigins: parseWith(corsOriginsSetting, env.CORS_ORIGINS),
    webhooks: parseJsonSetting('WEBHOOK_LIMITS', env.WEBHOOK_LIMITS, webhookLimitsSetting) ?? defaultWebhookLimits,
    subscriptionsPerCaller: parseWith(subscriptionsPerCallerSetting, env.SUBSCRIPTIONS_PER_CALLER),
    connections: parseJsonSetting('CONNECTION_LIMITS', env.CONNECTION_LIMITS, connectionLimitsSetting) ?? defaultConnectionLimits,
    apiKeys: parseApiKeys(env.GATEWAY_API_KEYS),
    webhookSecret: parseWebhookSecret(env.WEBHOOK_SECRET),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    mode: parseMode(env.DXTRADEXT_MODE),
    security: parseSecurity(env),
    shutdownGraceMs: parseMs('SHUTDOWN_GRACE_MS', env.SHUTDOWN_GRACE_MS, 10_000),
    shutdownDelayMs: parseMs('SHUTDOWN_DELAY_MS', env.SHUTDOWN_DELAY_MS, 0),
  };
  const http = parseJsonSetting('UPSTREAM_RESILIENCE', env.UPSTREAM_RESILIENCE, upstreamSettingsByName) ?? {};
  if (set.length === 0) return { ...base, host: host ?? demoHost, demo: demoAllowed(env) };
  if (set.length < 3) {
    const missing = Object.keys(urls).filter((k) => !set.some(([s]) => s === k));
    throw new ConfigError(`${missing.join(' and ')} must be set too: set all three upstream URLs, or none to run the simulators`);
  }
  return {
    ...base,
    host,
    demo: false,
    dxcore: {
      url: parseWith(url('DXCORE_URL'), env.DXCORE_URL),
      http: settingsFor(http, 'dxcore'),
      username: parseWith(required('DXCORE_USERNAME'), env.DXCORE_USERNAME),
      domain: parseWith(required('DXCORE_DOMAIN'), env.DXCORE_DOMAIN),
      password: parseWith(required('DXCORE_PASSWORD'), env.DXCORE_PASSWORD),
    },
    retail: { url: parseWith(url('RETAIL_URL'), env.RETAIL_URL), http: settingsFor(http, 'retail'), apiKey: parseWith(required('RETAIL_API_KEY'), env.RETAIL_API_KEY) },
    platform: { url: parseWith(url('PLATFORM_URL'), env.PLATFORM_URL), http: settingsFor(http, 'platform'), apiKey: parseWith(required('PLATFORM_API_KEY'), env.PLATFORM_API_KEY) },
  };
}
