import { ValidationError } from './types/errors.ts';

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

/** Money amounts: finite, and positive unless `allowNegative` (then non-zero). */
export function requireAmount(field: string, value: number, allowNegative = false): number {
  if (!Number.isFinite(value)) throw new ValidationError(field, `${field} must be a finite number`);
  if (allowNegative ? value === 0 : value <= 0) throw new ValidationError(field, `${field} must be ${allowNegative ? 'non-zero' : 'greater than 0'}`);
  if (Math.abs(value) > 1e15) throw new ValidationError(field, `${field} is out of range`);
  return value;
}

/** Ids the caller chooses (transfer ids): they end up in an upstream URL path, so keep them plain. */
export function requireId(field: string, value: string): string {
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(value)) throw new ValidationError(field, `${field} must be 1-64 characters of letters, digits, '.', '_', ':' or '-'`);
  return value;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requireEmail(field: string, value: string): string {
  const trimmed = value.trim();
  if (!emailPattern.test(trimmed) || trimmed.length > 254) throw new ValidationError(field, `${field} must be an email address`);
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
