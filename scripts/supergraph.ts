/**
 * The example supergraph of the README's "Federation" section: this gateway's subgraph SDL (as committed
 * in schema/subgraph.graphql) composed with the example CRM notes subgraph (docs/federation/), by
 * @theguild/federation-composition, the composer Hive Gateway uses.
 */
import { readFileSync } from 'node:fs';
import { composeServices, type CompositionResult } from '@theguild/federation-composition';
import { parse } from 'graphql';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

/** The subgraph names the supergraph gives each service (a router's per-subgraph settings use them). */
export const subgraphNames = { gateway: 'brokerage', crmNotes: 'crm-notes' } as const;

export interface SubgraphUrls {
  /** This gateway's /graphql. */
  gateway: string;
  /** The CRM notes service's GraphQL endpoint. */
  crmNotes: string;
}

export const gatewaySubgraphSdl = (): string => read('schema/subgraph.graphql');
export const crmNotesSdl = (): string => read('docs/federation/crm-notes.graphql');

export function composeExample(urls: SubgraphUrls): CompositionResult {
  return composeServices([
    { name: subgraphNames.gateway, url: urls.gateway, typeDefs: parse(gatewaySubgraphSdl()) },
    { name: subgraphNames.crmNotes, url: urls.crmNotes, typeDefs: parse(crmNotesSdl()) },
  ]);
}
