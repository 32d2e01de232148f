import {
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { createContextCache } from '@pothos/core';
import { createLRUCache } from 'graphql-yoga';
import type { Context } from './context.ts';

type Operation = Context['operation'];

/** Every `Type.field` the operation selects anywhere (through fragments and abstract types). */
export function selectedFieldsByType({ schema, query, operationName }: Operation): Map<string, Set<string>> {
  const selected = new Map<string, Set<string>>();
  // Parsed again here (it is valid: it was parsed and validated before execution), once per document.
  const document = parse(query);
  const typeInfo = new TypeInfo(schema);
  // Only the executed operation counts: GraphiQL documents hold several.
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const executed = operations.length === 1 ? operations : operations.filter((d) => d.name?.value === operationName);
  const definitions = [...executed, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)];
  visit(
    { kind: Kind.DOCUMENT, definitions },
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        const fields = selected.get(parent.name) ?? new Set<string>();
        fields.add(field.name);
        selected.set(parent.name, fields);
      },
    }),
  );
  return selected;
}

/** Documents longer than this are read for each request rather than kept as a cache key. */
const cachedDocumentChars = 8_192;

/**
 * `selectedFieldsByType` remembered per document text and operation name (one schema per gateway), as
 * many documents as Yoga's parser cache keeps: a client's fixed operations are read once.
 */
export function selectionsCache(max = 1_024): (operation: Operation) => ReadonlyMap<string, ReadonlySet<string>> {
  const byDocument = createLRUCache<Map<string, Set<string>>>({ max });
  return (operation) => {
    if (operation.query.length > cachedDocumentChars) return selectedFieldsByType(operation);
    // The name in JSON, so that no name and text can spell another pair's key.
    const key = `${JSON.stringify(operation.operationName ?? null)}${operation.query}`;
    let selected = byDocument.get(key);
    if (!selected) {
      selected = selectedFieldsByType(operation);
      byDocument.set(key, selected);
    }
    return selected;
  };
}

const selectionsOf = selectionsCache();
const selectionCache = createContextCache((ctx: Context) => selectionsOf(ctx.operation));

/** The selected fields of one type in this request's operation (read once per document). */
export function selectedFieldsOf(ctx: Context, typeName: string): ReadonlySet<string> {
  return selectionCache(ctx).get(typeName) ?? new Set();
}

/**
 * The field names selected under a path below the current field, e.g. `['edges', 'node', 'broker']`
 * from a connection field: the look-ahead a list resolver uses to start a call it will need.
 */
export function selectedBelow(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  for (const name of path) {
    sets = fieldsOf(info, sets)
      .filter((f) => f.name.value === name)
      .flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  }
  return new Set(fieldsOf(info, sets).map((f) => f.name.value));
}

function fieldsOf(info: GraphQLResolveInfo, sets: SelectionSetNode[]): FieldNode[] {
  return sets.flatMap((set) =>
    set.selections.flatMap((selection): FieldNode[] => {
      if (selection.kind === Kind.FIELD) return [selection];
      if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(info, [selection.selectionSet]);
      const fragment = info.fragments[selection.name.value];
      return fragment ? fieldsOf(info, [fragment.selectionSet]) : [];
    }),
  );
}

/** The dxCore `attributes` a request needs for one entity kind, from the fields it selects. */
export function dxAttributes(
  ctx: Context,
  typeName: string,
  fieldAttributes: Readonly<Record<string, readonly string[]>>,
  identifying: readonly string[],
): string {
  const attributes = new Set(identifying);
  for (const field of selectedFieldsOf(ctx, typeName)) fieldAttributes[field]?.forEach((a) => attributes.add(a));
  return [...attributes].sort().join(',');
}

