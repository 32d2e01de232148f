import { parseFormBody, parseJsonBody, type SimHttpError, type SimRequest } from '../http.ts';
import { dxErrors } from './errors.ts';

/**
 * Reading dxCore request bodies: JSON models field by field, and the form parameters of the dxWeb
 * paths. A value of the wrong JSON type is 400 20022 ("Invalid json message format"), a required one
 * that is missing or empty 400 20001 ("Some of the required field is empty"), as on `/login`.
 */

export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How a reader reports its two failures; market-data paths word them their own way. */
export interface BodyFailures {
  missing: (field: string) => SimHttpError;
  malformed: (detail: string) => SimHttpError;
}

const standardFailures: BodyFailures = {
  missing: (field) => dxErrors.requiredFieldEmpty(field),
  malformed: (detail) => dxErrors.invalidJson(detail),
};

/** The JSON body: malformed JSON is `malformed`, an empty body is a missing `body`. */
export function jsonBody(req: SimRequest, failures: BodyFailures = standardFailures): unknown {
  let body: unknown;
  try {
    body = parseJsonBody(req);
  } catch {
    throw failures.malformed('malformed JSON');
  }
  if (body === undefined) throw failures.missing('body');
  return body;
}

/** A JSON object body, ready to be read field by field. */
export function objectBody(req: SimRequest, failures: BodyFailures = standardFailures): FieldReader {
  const body = jsonBody(req, failures);
  if (!isJsonObject(body)) throw failures.malformed('body must be a JSON object');
  return new FieldReader(body, '', failures);
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO 8601 date-time with an offset, normalized to UTC `...Z`; undefined when it is not one. */
export function parseDateTime(value: string): string | undefined {
  if (!isoDateTime.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * Typed reads of one JSON object. `null` reads as absent: the models mark optional fields so, and a
 * client that serializes every field of its own model sends nulls for the ones it has not set.
 */
export class FieldReader {
  readonly fields: JsonObject;
  private readonly prefix: string;
  private readonly failures: BodyFailures;

  constructor(fields: JsonObject, prefix = '', failures: BodyFailures = standardFailures) {
    this.fields = fields;
    this.prefix = prefix;
    this.failures = failures;
  }

  /** The field's name as error details spell it, e.g. `accounts[0].currency`. */
  path(name: string): string {
    return this.prefix ? `${this.prefix}.${name}` : name;
  }

  /** Field names present in the body that are not in `known`. */
  unknownFields(known: ReadonlySet<string>): string[] {
    return Object.keys(this.fields).filter((name) => !known.has(name));
  }

  has(name: string): boolean {
    return this.value(name) !== undefined;
  }

  string(name: string): string | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw this.malformed(name, 'a string');
    return value;
  }

  /** A required string: missing, or empty once trimmed, is 20001. */
  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value.trim() === '') throw this.failures.missing(this.path(name));
    return value;
  }

  number(name: string): number | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'number') throw this.malformed(name, 'a number');
    return value;
  }

  requiredNumber(name: string): number {
    const value = this.number(name);
    if (value === undefined) throw this.failures.missing(this.path(name));
    return value;
  }

  /** An int32, as the models' `integer (int32)`. */
  integer(name: string): number | undefined {
    const value = this.number(name);
    if (value !== undefined && (!Number.isInteger(value) || Math.abs(value) > 2 ** 31 - 1)) throw this.malformed(name, 'an int32');
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw this.malformed(name, 'a boolean');
    return value;
  }

  requiredBoolean(name: string): boolean {
    const value = this.boolean(name);
    if (value === undefined) throw this.failures.missing(this.path(name));
    return value;
  }

  /** One of an enum's values; another string is as malformed as a number would be. */
  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) throw this.malformed(name, `one of ${values.join(', ')}`);
    return value as T;
  }

  requiredOneOf<T extends string>(name: string, values: readonly T[]): T {
    const value = this.oneOf(name, values);
    if (value === undefined) throw this.failures.missing(this.path(name));
    return value;
  }

  /** A `string (date-time)`, normalized to UTC. */
  dateTime(name: string): string | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const parsed = parseDateTime(value);
    if (parsed === undefined) throw this.malformed(name, 'an ISO 8601 date-time');
    return parsed;
  }

  requiredDateTime(name: string): string {
    if (!this.has(name)) throw this.failures.missing(this.path(name));
    return this.dateTime(name) as string;
  }

  /** A `string (date)`: yyyy-MM-dd. */
  date(name: string): string | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!isoDate.test(value) || Number.isNaN(Date.parse(value))) throw this.malformed(name, 'a yyyy-MM-dd date');
    return value;
  }

  stringArray(name: string): string[] | undefined {
    const items = this.array(name);
    if (items === undefined) return undefined;
    if (!items.every((item) => typeof item === 'string')) throw this.malformed(name, 'an array of strings');
    return items as string[];
  }

  array(name: string): unknown[] | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw this.malformed(name, 'an array');
    return value;
  }

  /** A nested object, read with the same rules. */
  object(name: string): FieldReader | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (!isJsonObject(value)) throw this.malformed(name, 'an object');
    return new FieldReader(value, this.path(name), this.failures);
  }

  /** The objects of an array field, each read with the same rules. */
  objects(name: string): FieldReader[] | undefined {
    const items = this.array(name);
    if (items === undefined) return undefined;
    return items.map((item, i) => {
      const path = `${this.path(name)}[${i}]`;
      if (!isJsonObject(item)) throw this.failures.malformed(`${path} must be an object`);
      return new FieldReader(item, path, this.failures);
    });
  }

  private value(name: string): unknown {
    const value = this.fields[name];
    return value === null ? undefined : value;
  }

  private malformed(name: string, expected: string): SimHttpError {
    return this.failures.malformed(`${this.path(name)} must be ${expected}`);
  }
}

/**
 * The parameters of a dxWeb path: the query of a GET, the form body of a POST (document 000 gives
 * both forms for `/checkLogin` and `/generateToken`).
 */
export function formParams(req: SimRequest): URLSearchParams {
  return req.method === 'GET' ? req.query : parseFormBody(req);
}

/** A parameter, with an empty value read as absent. */
export function paramValue(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name)?.trim();
  return value ? value : undefined;
}
