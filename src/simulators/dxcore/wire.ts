import { dxCoreIdentifyingAttributes } from '../../readings.ts';
import type {
  DxAccount,
  DxAccountGroup,
  DxBroker,
  DxCategory,
  DxClient,
  DxClientGroup,
  DxNotification,
} from '../records.ts';
import type { AccountSnapshot, ClientSnapshot } from './events.ts';
import { groupKey, type DxCoreState } from './state.ts';

/**
 * The wire shapes of dxCore answers, built from the state's records on every read. Simulator-only
 * fields (password, version, userId, owner) and undefined values never leave this module.
 */

export type WireObject = Record<string, unknown>;

/** A JSON-ready copy without undefined values (nested objects and arrays included). */
function defined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(defined);
  if (value === null || typeof value !== 'object') return value;
  const out: WireObject = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner !== undefined) out[key] = defined(inner);
  }
  return out;
}

export function accountWire(account: DxAccount): WireObject {
  const { owner: _owner, ...wire } = account;
  return defined(wire) as WireObject;
}

/** An account as events carry it: the wire shape, copied. */
export const accountSnapshot = (account: DxAccount): AccountSnapshot => accountWire(account) as unknown as AccountSnapshot;

export function clientWire(state: DxCoreState, client: DxClient): WireObject {
  const { password: _password, version: _version, userId: _userId, ...wire } = client;
  return {
    ...(defined(wire) as WireObject),
    accounts: state.accountsOf(client).map(accountWire),
    groups: state.groupsOf(client).map((group) => groupKey(group.domain, group.name)),
  };
}

export const clientSnapshot = (state: DxCoreState, client: DxClient): ClientSnapshot => clientWire(state, client);

/** dxCore's `ETag` for a client: its version, quoted (readings.ts). */
export const clientEtag = (client: DxClient): Record<string, string> => ({ etag: `"${client.version}"` });

export function brokerWire(broker: DxBroker): WireObject {
  return defined(broker) as WireObject;
}

export function clientGroupWire(group: DxClientGroup): WireObject {
  return defined(group) as WireObject;
}

export function categoryWire(category: DxCategory): WireObject {
  return defined(category) as WireObject;
}

export function accountCategoryWire(group: DxAccountGroup): WireObject {
  return defined(group) as WireObject;
}

/** "Notification delivery information per recipients", optionally only for some recipients. */
export function deliveryWire(notification: DxNotification, recipients?: ReadonlySet<string>): WireObject {
  const statuses = recipients ? notification.statuses.filter((s) => recipients.has(s.recipient)) : notification.statuses;
  return defined({ notificationId: notification.id, statuses }) as WireObject;
}

export type AttributeKind = keyof typeof dxCoreIdentifyingAttributes;

/**
 * The `attributes` query parameter (readings.ts): comma-separated top-level names. Undefined means
 * "everything"; an empty value is read the same way, since it names nothing to narrow to.
 */
export function requestedAttributes(query: URLSearchParams): ReadonlySet<string> | undefined {
  const names = query
    .getAll('attributes')
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return names.length > 0 ? new Set(names) : undefined;
}

/** Keeps the requested attributes plus the identifying ones; unknown names are simply not found. */
export function selectAttributes(kind: AttributeKind, wire: WireObject, attributes: ReadonlySet<string> | undefined): WireObject {
  if (!attributes) return wire;
  const keep = new Set<string>([...dxCoreIdentifyingAttributes[kind], ...attributes]);
  return Object.fromEntries(Object.entries(wire).filter(([key]) => keep.has(key)));
}
