/** Writes schema/schema.graphql and schema/subgraph.graphql from the Pothos schema (`npm run schema:print`). */
import { writeFileSync } from 'node:fs';
import { printedSchema, printedSubgraphSchema } from '../src/graph/schema.ts';

writeFileSync(new URL('../schema/schema.graphql', import.meta.url), printedSchema());
writeFileSync(new URL('../schema/subgraph.graphql', import.meta.url), printedSubgraphSchema());
console.log('schema/schema.graphql and schema/subgraph.graphql written');
