import pino, { type DestinationStream, type Level, type Logger, type LoggerOptions } from 'pino';

/** Keys whose values are credentials wherever a log record carries them (headers, configs, bodies). */
const secretKeys = ['authorization', 'cookie', 'password', 'token', 'accessToken', 'refreshToken', 'apiKey', 'api_key', 'secret', 'webhookSecret', 'clientSecret'];
const secretHeaders = ['x-api-key', 'proxy-authorization', 'set-cookie', 'webhook-signature'];

/** pino `redact` paths: each secret key at the top level and two levels down, and secret headers under `headers`. */
const redactPaths = [
  ...secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  ...secretHeaders.flatMap((header) => [`headers["${header}"]`, `*.headers["${header}"]`]),
];

/** Secrets inside text: URL credentials, `Authorization` values, webhook secrets, keys in query strings. */
const secretPatterns: [RegExp, string][] = [
  [/\b([a-z][a-z\d+.-]*:\/\/)[^\s/?#@]+@/gi, '$1[redacted]@'],
  [/\b(Bearer|DXAPI|Basic)\s+[\w.~+/=-]{6,}/g, '$1 [redacted]'],
  [/\bwhsec_[A-Za-z\d+/=]+/g, 'whsec_[redacted]'],
  [/\b((?:api[_-]?key|token|password|secret)=)[^&\s"']+/gi, '$1[redacted]'],
];

/** The configured secrets themselves (upstream keys and passwords, caller keys, the webhook secret). */
const knownSecrets = new Set<string>();

/**
 * Adds values that must never appear in a log line: wherever one occurs in a message, an error or a
 * string field, it is replaced by `[redacted]`. Values shorter than 6 characters are ignored (they
 * would blank ordinary words).
 */
export function redactValues(values: Iterable<string | undefined>): void {
  for (const value of values) if (value && value.length >= 6) knownSecrets.add(value);
}

/**
 * What every secret pattern needs somewhere in the text (a scheme's `://`, an auth scheme's name, a
 * webhook secret's prefix, a query parameter's `=`): text without any is left as it is without running
 * the patterns, which is most of what is logged (ids, names, codes).
 */
const mayHoldPattern = /:\/\/|bearer|dxapi|basic|whsec_|=/i;

/** `text` with every known secret and every secret-looking pattern replaced. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const secret of knownSecrets) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  if (!mayHoldPattern.test(out)) return out;
  for (const [pattern, replacement] of secretPatterns) out = out.replace(pattern, replacement);
  return out;
}

/** Scrubs string values in plain objects and arrays, a few levels deep; other values pass as they are (the same object when nothing changed). */
function scrubFields(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (depth <= 0 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => scrubFields(item, depth - 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  let changed: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const scrubbed = scrubFields(item, depth - 1);
    if (scrubbed !== item) (changed ??= { ...value })[key] = scrubbed;
  }
  return changed ?? value;
}

/** Errors as pino serializes them, with message and stack scrubbed (an upstream may echo a credential). */
function errorSerializer(error: unknown): unknown {
  if (!(error instanceof Error)) return scrubFields(error, 3);
  // pino's serialized error is not a plain object: copy its fields (message, stack, cause, …) into one.
  const serialized = { ...(pino.stdSerializers.err(error) as unknown as Record<string, unknown>) };
  return scrubFields(serialized, 3);
}

const levels: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** LOG_LEVEL as a pino level; unset or unknown gives `info` (an unknown one is reported once at start). */
export function logLevelFrom(raw: string | undefined): { level: Level | 'silent'; unknown?: string } {
  const value = raw?.trim().toLowerCase();
  if (!value) return { level: 'info' };
  return levels.includes(value) ? { level: value as Level | 'silent' } : { level: 'info', unknown: raw };
}

/** The options every gateway logger uses: JSON lines, ISO time, level names, redaction. */
export function loggerOptions(level: Level | 'silent'): LoggerOptions {
  return {
    level,
    base: { service: 'gateway' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (record) => scrubFields(record, 4) as Record<string, unknown>,
    },
    serializers: { err: errorSerializer, error: errorSerializer },
    redact: { paths: redactPaths, censor: '[redacted]' },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg)) as Parameters<typeof method>;
        method.apply(this, scrubbed);
      },
    },
  };
}

/**
 * Where log lines go: stdout unless `logTo` redirected them. A stream of our own rather than pino's
 * default, so that tests (and a host embedding the gateway) can capture lines without a transport.
 */
const output: DestinationStream & { target: DestinationStream } = {
  target: pino.destination({ dest: 1, sync: true }),
  write(line: string) {
    this.target.write(line);
  },
};

/** Sends log lines to `stream` until the returned function is called. */
export function logTo(stream: DestinationStream): () => void {
  const previous = output.target;
  output.target = stream;
  return () => {
    output.target = previous;
  };
}

const configured = logLevelFrom(process.env.LOG_LEVEL);

/** The gateway's logger: one JSON object per line on stdout, at LOG_LEVEL (default `info`). */
export const logger: Logger = pino(loggerOptions(configured.level), output);

if (configured.unknown !== undefined) logger.warn(`LOG_LEVEL "${configured.unknown}" is not one of ${levels.join(', ')}; logging at info`);
