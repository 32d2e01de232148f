import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { expect } from 'vitest';
import { schema } from '../../src/graph/schema.ts';
import type { TestGateway } from './gateway.ts';

/** Answers are checked by shape; the ad-hoc documents are not code-generated. */
export type Json = any;

/** The selection of every error member: the Error fields, and the field a ValidationError names. */
export const errorSelection = '... on Error { code message upstream { name status code } } ... on ValidationError { field }';

/** The type of a mutation's `input` argument as the schema declares it (`TransferInput!`). */
export function inputTypeOf(field: string): string {
  const input = schema.getMutationType()?.getFields()[field]?.args.find((arg) => arg.name === 'input');
  if (!input) throw new Error(`no mutation ${field}(input:)`);
  return String(input.type);
}

/** Runs `field(input:)` selecting `selection` and the error members; answers its result, failing on GraphQL errors. */
export async function mutate(t: TestGateway, field: string, selection: string, input: unknown, auth?: string): Promise<Json> {
  const doc = parse(`mutation($input: ${inputTypeOf(field)}) { r: ${field}(input: $input) { __typename ${selection} ${errorSelection} } }`) as TypedDocumentNode<Json, Json>;
  const res = await t.run(doc, { input }, auth);
  expect(res.errors).toBeUndefined();
  return res.data.r;
}

/** A typed error member with `code`; with `upstream`, the upstream's name, status and own code (also in the message), else none. */
export function expectError(result: Json, typename: string, code: string, upstream?: { name: string; status: number; code: string }): void {
  expect(result).toMatchObject({ __typename: typename, code });
  if (upstream) {
    expect(result.upstream).toMatchObject(upstream);
    expect(result.message).toContain(upstream.code);
  } else {
    expect(result.upstream).toBeNull();
  }
}
