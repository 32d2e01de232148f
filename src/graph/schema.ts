import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
import './connections.ts';
import './types/errors.ts';
import './types/broker.ts';
import './types/account.ts';
import './types/client.ts';
import './types/client-group.ts';
import './types/market-data.ts';
import './types/platform-account.ts';
import './types/notification.ts';
import './types/session.ts';
import './types/transfer.ts';
import './types/notification-writes.ts';
import './types/transaction-import.ts';
import './types/session-writes.ts';
import './types/market-data-writes.ts';
import './types/platform-account-writes.ts';
import './types/account-writes.ts';
import './types/client-lifecycle.ts';
import './types/broker-category-writes.ts';
import './types/dxtradext.ts';
import './types/account-events.ts';
import './types/market-data-events.ts';
import './types/client-events.ts';

export const schema = builder.toSchema();

/** The SDL as committed in schema/schema.graphql: sorted, so that its diff shows only real changes. */
export const printedSchema = (): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
