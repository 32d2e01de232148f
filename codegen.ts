import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

/**
 * Two targets, both checked against the committed SDL; test/schema.test.ts fails when either is stale
 * (`npm run codegen` refreshes them).
 * - test/generated/operations.ts: typed documents for the contract operations, which the tests run.
 * - client/generated/: what a frontend imports, written by the client preset from the contract
 *   operations and the frontend's own (client/operations/): typed documents (graphql.ts) and the
 *   persisted-documents manifest (persisted-documents.json, SHA-256 ids) that the gateway trusts.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  generates: {
    'test/generated/operations.ts': {
      documents: 'schema/operations/*.graphql',
      plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string' },
        onlyOperationTypes: true,
      },
    },
    'client/generated/': {
      documents: ['schema/operations/*.graphql', 'client/operations/*.graphql'],
      preset: 'client',
      // __typename in every selection, as Apollo's and urql's caches need in what a persisted document answers.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      presetConfig: {
        fragmentMasking: false,
        // The gateway's ids are SHA-256 (the preset's default is SHA-1); the hash rides on each document as `__meta__.hash`.
        persistedDocuments: { hashAlgorithm: 'sha256', mode: 'embedHashInDocument' },
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string' },
        // Imports Node 24 and TypeScript's nodenext both resolve, as the rest of the repository writes them.
        importExtension: '.ts',
      },
    },
  },
};

export default config;
