import { decodeGlobalID } from '@pothos/plugin-relay';
import { ValidationError } from './typed-errors.ts';

/**
 * Market-data accounts, Platform accounts and notifications were Relay nodes with opaque global ids
 * (base64 of `Type:id`) before their `id` became the upstream's own. Callers may still hold such ids.
 */
export type UpstreamIdType = 'MarketDataAccount' | 'PlatformAccount' | 'Notification';

/** The upstream id inside an earlier global id of `typename`; undefined for any other text. */
function legacyInner(typename: UpstreamIdType, value: string): string | undefined {
  try {
    const decoded = decodeGlobalID(value);
    return decoded.typename === typename && decoded.id !== '' ? decoded.id : undefined;
  } catch {
    return undefined;
  }
}

/** Notification inputs took both forms before: for one more release an earlier global id still names its notification. */
export const notificationIdFrom = (value: string): string => legacyInner('Notification', value) ?? value;

/**
 * Inputs that never took the global form refuse it by name, rather than pass it on as an id the
 * upstream does not have (which would answer a misleading NOT_FOUND).
 */
export function refuseLegacyId(field: string, typename: UpstreamIdType, value: string): string {
  if (legacyInner(typename, value) !== undefined) {
    throw new ValidationError(field, `${field} takes the upstream id (${typename}.id), not the global id an earlier version of this gateway gave`);
  }
  return value;
}
