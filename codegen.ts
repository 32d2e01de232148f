import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the contract operations (schema/operations/*.graphql), checked against the
 * committed SDL. The tests run the operations through these; test/codegen.test.ts fails when the
 * output is stale (`npm run codegen` refreshes it).
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: 'schema/operations/*.graphql',
  generates: {
    'test/generated/operations.ts': {
      plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string' },
        onlyOperationTypes: true,
      },
    },
  },
};

export default config;
