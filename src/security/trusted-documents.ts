import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError, Kind, parse, print, visit, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { contractOperations } from '../contract-operations.ts';
import { ConfigError } from '../setting-parsers.ts';
import type { TrustedDocumentsMode } from './settings.ts';

/**
 * A trusted document's id: the lowercase hex SHA-256 of its exact text (the file in schema/operations/,
 * byte for byte), sent as Apollo's persisted queries send one:
 * `"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "<id>"}}` (POST body, or GET parameter).
 */
export const documentId = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The manifest GraphQL Codegen's client preset writes (`npm run codegen`), read when TRUSTED_DOCUMENTS_MANIFEST is unset. */
export const defaultManifestPath = new URL('../../client/generated/persisted-documents.json', import.meta.url);

/**
 * Apollo Client's cache adds `__typename` to every selection set below the operation's before its
 * persisted-query link hashes `print(document)`; mirrored here (Apollo's `addTypenameToDocument`, which
 * is not a server library) so that the id that link sends names the document it sends.
 */
function withTypenames(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet: (node: SelectionSetNode, _key, parent) => {
      if (parent && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.OPERATION_DEFINITION) return undefined;
      if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'))) return undefined;
      return { ...node, selections: [...node.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] };
    },
  });
}

/**
 * The texts a trusted document is run as, each under its SHA-256: the text itself (a file's bytes, a
 * manifest's entry), its graphql-js `print` (a client hashing the parsed document), and that print with
 * Apollo's `__typename`s. An id always names the text that is run, so a client gets what it asked for.
 */
function forms(text: string): string[] {
  const document = parse(text);
  return [text, print(document), print(withTypenames(document))];
}

/**
 * Id → text of every trusted document: the operations in schema/operations/ and the manifest's. Each
 * form is known by its bare hex id and by `sha256:<hex>`, the client preset's spelling.
 */
export function trustedDocuments(manifest: Iterable<string> = []): Map<string, string> {
  const documents = new Map<string, string>();
  for (const text of [...contractOperations().values(), ...manifest]) {
    for (const form of forms(text)) {
      const id = documentId(form);
      documents.set(id, form).set(`sha256:${id}`, form);
    }
  }
  return documents;
}

/**
 * The texts of a persisted-documents manifest, `{ "<id>": "<text>" }` as the client preset writes it
 * with `hashAlgorithm: 'sha256'`. Every id must be its text's SHA-256 (bare or `sha256:`), so a manifest
 * hashed otherwise (the preset's default is SHA-1) stops the start instead of refusing every request.
 */
export function readManifest(path: string | URL = defaultManifestPath): string[] {
  const name = path === defaultManifestPath ? 'client/generated/persisted-documents.json' : 'TRUSTED_DOCUMENTS_MANIFEST';
  let entries: [string, unknown][];
  try {
    entries = Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>);
  } catch (error) {
    throw new ConfigError(`${name}: not a readable JSON object of id → document (${(error as { code?: string }).code ?? 'invalid JSON'})`);
  }
  return entries.map(([id, text]) => {
    if (typeof text !== 'string' || id.replace(/^sha256:/, '') !== documentId(text)) {
      throw new ConfigError(`${name}: ${JSON.stringify(id.slice(0, 80))} is not the SHA-256 of its document (the client preset needs hashAlgorithm: 'sha256')`);
    }
    try {
      parse(text);
    } catch {
      throw new ConfigError(`${name}: the document of ${id} does not parse`);
    }
    return text;
  });
}

/** schema/trusted-documents.json: `{ "<id>": "<text>" }`, each contract operation under the SHA-256 of its file. */
export const manifestJson = (): string => `${JSON.stringify(Object.fromEntries([...contractOperations().values()].map((text) => [documentId(text), text])), null, 2)}\n`;

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
export function useTrustedDocuments(mode: TrustedDocumentsMode, documents: Map<string, string>): Plugin[] {
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
