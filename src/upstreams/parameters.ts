/**
 * Upstream request parameters (in OpenAPI's sense: in the path, the query or a header) built from values
 * that may be a caller's text. `encodeURIComponent` leaves `.` and `..` as they are, and the upstream's
 * web server (or any proxy) resolves them, so `group/../.` would reach another route; a header value
 * undici refuses would fail the call as if the upstream were down. So every value is checked here, where
 * it becomes part of the request, before any call.
 */

/** The longest path or header parameter: ids, logins, codes, versions and emails (254 at most) are all shorter. */
export const pathParameterMaxLength = 256;

/** The longest query parameter, all its values together: dxCore `attributes` lists reach about 300. */
export const queryParameterMaxLength = 2048;

/** A value the gateway will not put into an upstream request; `parameter` is the upstream's name for it. */
export class ParameterError extends Error {
  override readonly name = 'ParameterError';
  readonly parameter: string;
  /** What was refused, for the graph to find the caller's field that holds it. */
  readonly value: string | readonly string[];
  /** Why, as the end of a sentence that starts with the field's name: "must not be empty". */
  readonly problem: string;

  constructor(parameter: string, value: string | readonly string[], problem: string) {
    super(`${parameter} ${problem}`);
    this.parameter = parameter;
    this.value = value;
    this.problem = problem;
  }
}

function textProblem(value: string): string | undefined {
  if (!value.isWellFormed()) return 'must be well-formed Unicode (it holds a lone surrogate)';
  if (/\p{Cc}/u.test(value)) return 'must not contain control characters';
  return undefined;
}

function segmentProblem(value: string): string | undefined {
  if (value === '') return 'must not be empty';
  if (value === '.' || value === '..') return "must not be '.' or '..'";
  if (value.length > pathParameterMaxLength) return `must be at most ${pathParameterMaxLength} characters`;
  return textProblem(value);
}

declare const checked: unique symbol;

/**
 * Where a request goes: its method, route pattern (what logs, metrics and errors name) and encoded path.
 * Only `endpoint` makes one (the brand), so no client can send a path it built itself.
 */
export interface Endpoint<M extends string = string> {
  method: M;
  route: string;
  path: string;
  readonly [checked]: true;
}

/** The `:name` parameters of a route pattern, so that a call must give each one. */
type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamsOf<`/${Rest}`> : P extends `${string}:${infer Name}` ? Name : never;

/**
 * A request's endpoint from its route pattern and a value per parameter:
 * `endpoint('GET', '/api/register/client/:domain/:login', { domain, login })`. Throws a `ParameterError`
 * for a value that is empty, `.` or `..`, longer than `pathParameterMaxLength`, not well-formed UTF-16,
 * or holds a control character.
 */
export function endpoint<M extends string, P extends string>(
  method: M,
  pattern: P,
  ...[params]: [ParamsOf<P>] extends [never] ? [] : [Record<ParamsOf<P>, string>]
): Endpoint<M> {
  const values: Record<string, string | undefined> = params ?? {};
  const path = pattern.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${pattern}`);
    const problem = segmentProblem(value);
    if (problem) throw new ParameterError(name, value, problem);
    return encodeURIComponent(value);
  });
  return { method, route: `${method} ${pattern}`, path } as Endpoint<M>;
}

/**
 * `?name=value&...`, or '' without values. Throws a `ParameterError` for a value that is not well-formed
 * or holds a control character, or a parameter over `queryParameterMaxLength`.
 */
export function queryString(query: Record<string, string | readonly string[] | undefined> | undefined): string {
  const params = new URLSearchParams();
  for (const [name, given] of Object.entries(query ?? {})) {
    if (given === undefined) continue;
    const values = typeof given === 'string' ? [given] : given;
    const tooLong = values.join('').length > queryParameterMaxLength ? `must be at most ${queryParameterMaxLength} characters${values.length > 1 ? ' in all' : ''}` : undefined;
    const problem = values.map(textProblem).find((p) => p !== undefined) ?? tooLong;
    if (problem) throw new ParameterError(name, given, problem);
    for (const value of values) params.append(name, value);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * An `If-Match` value for one version: the version quoted as an entity tag, so it must be visible ASCII
 * without `"` (RFC 9110 etagc); a quote would end the tag and could add others (`1", "2` matches both).
 */
export function entityTag(parameter: string, version: string): string {
  if (version.length > pathParameterMaxLength || !/^[\x21\x23-\x7e]+$/.test(version)) {
    throw new ParameterError(parameter, version, `must be 1-${pathParameterMaxLength} visible ASCII characters other than '"'`);
  }
  return `"${version}"`;
}
