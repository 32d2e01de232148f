import { createHash } from 'node:crypto';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { contractOperations } from '../contract-operations.ts';
import type { TrustedDocumentsMode } from './settings.ts';

/**
 * A trusted document's id: the lowercase hex SHA-256 of its exact text (the file in schema/operations/,
 * byte for byte), sent as Apollo's automatic persisted queries send one:
 * `"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "<id>"}}` (POST body, or GET parameter).
 */
export const documentId = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Id → text of every operation in schema/operations/, in operation-name order. */
export function trustedDocuments(): Map<string, string> {
  return new Map([...contractOperations().values()].map((text) => [documentId(text), text]));
}

/** schema/trusted-documents.json: `{ "<id>": "<text>" }`, the shape GraphQL Codegen's client preset writes for persisted documents. */
export const manifestJson = (): string => `${JSON.stringify(Object.fromEntries(trustedDocuments()), null, 2)}\n`;

const errors = {
  notFound: (http: boolean) =>
    new GraphQLError('PersistedQueryNotFound: no trusted document has this id (schema/trusted-documents.json lists them)', {
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', ...(http ? { http: { status: 400 } } : {}) },
    }),
  only: (http: boolean) =>
    new GraphQLError('PersistedQueryOnly: this gateway runs trusted documents only; send the document id in extensions.persistedQuery.sha256Hash', {
      extensions: { code: 'PERSISTED_QUERY_ONLY', ...(http ? { http: { status: 400 } } : {}) },
    }),
  missing: (http: boolean) =>
    new GraphQLError('Send a query, or a trusted document id in extensions.persistedQuery.sha256Hash', {
      extensions: { code: 'BAD_REQUEST', ...(http ? { http: { status: 400 } } : {}) },
    }),
};

/** Yoga's persisted operations plugin over the manifest; `allow` also runs ad-hoc documents, `require` refuses them. */
export function useTrustedDocuments(mode: TrustedDocumentsMode, documents = trustedDocuments()): Plugin[] {
  if (mode === 'off') return [];
  return [
    usePersistedOperations({
      getPersistedOperation: (id) => documents.get(id) ?? null,
      allowArbitraryOperations: mode === 'allow',
      customErrors: { notFound: () => errors.notFound(true), persistedQueryOnly: () => errors.only(true), keyNotFound: () => errors.missing(true) },
    }) as Plugin,
  ];
}

/** The document id an operation's `extensions` name, if any. */
function idIn(extensions: unknown): string | undefined {
  const persisted = (extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

/**
 * The same rules for a graphql-ws `subscribe` message, whose `query` must be a string: an empty one
 * with a document id in `extensions.persistedQuery` runs that trusted document.
 */
export function documentToRun(mode: TrustedDocumentsMode, payload: { query: string; extensions?: unknown }, documents: Map<string, string>): string {
  if (mode === 'off' || payload.query.trim() !== '') {
    if (mode === 'require') throw errors.only(false);
    return payload.query;
  }
  const id = idIn(payload.extensions);
  if (id === undefined) throw errors.missing(false);
  const text = documents.get(id);
  if (text === undefined) throw errors.notFound(false);
  return text;
}
