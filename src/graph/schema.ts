import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
import './connections.ts';
import './error-types.ts';
// One folder per domain family: its types with their loaders and root queries, its writes, its events.
import './account/account.ts';
import './account/writes.ts';
import './broker/broker.ts';
import './broker/writes.ts';
import './client/client.ts';
import './client/writes.ts';
import './client/events.ts';
import './client/links.ts';
import './client-group/client-group.ts';
import './dxtradext/dxtradext.ts';
import './market-data/market-data.ts';
import './market-data/writes.ts';
import './market-data/entitlements.ts';
import './market-data/events.ts';
import './notification/notification.ts';
import './notification/writes.ts';
import './platform-account/platform-account.ts';
import './platform-account/writes.ts';
import './platform-account/events.ts';
import './session/session.ts';
import './session/writes.ts';
import './transaction-import/transaction-import.ts';
import './transfer/transfer.ts';

export const schema = builder.toSchema();

/** The SDL as committed in schema/schema.graphql: sorted, so that its diff shows only real changes. */
export const printedSchema = (): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
