/**
 * Prints the example supergraph (`npm run supergraph:print > supergraph.graphql`): this gateway at
 * GATEWAY_SUBGRAPH_URL (default http://localhost:4000/graphql) and the CRM notes service at
 * CRM_NOTES_URL (default http://localhost:4200/graphql). Exits 1 with the composition errors.
 */
import { composeExample } from './supergraph.ts';

const result = composeExample({
  gateway: process.env.GATEWAY_SUBGRAPH_URL ?? 'http://localhost:4000/graphql',
  crmNotes: process.env.CRM_NOTES_URL ?? 'http://localhost:4200/graphql',
});
if (result.errors) {
  for (const error of result.errors) console.error(error.message);
  process.exit(1);
}
process.stdout.write(`${result.supergraphSdl}\n`);
