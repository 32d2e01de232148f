import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, getNamedType, parse, validate, type GraphQLInterfaceType, type GraphQLUnionType, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import codegenConfig from '../codegen.ts';
import { contractOperations } from '../src/contract-operations.ts';
import { printedSchema } from '../src/graph/schema.ts';

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** The operations of the outside contract, by name, as the contract spells them. */
function contract(): Map<string, string> {
  const text = read('../shared/contract/operations.graphql');
  const ops = parse(text).definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  return new Map(ops.map((op) => [op.name!.value, `${text.slice(op.loc!.start, op.loc!.end)}\n`]));
}

describe('generated files', () => {
  it('schema/schema.graphql is the printed Pothos schema (run `npm run schema:print`)', () => {
    expect(read('schema/schema.graphql')).toBe(printedSchema());
  });

  it('test/generated/operations.ts is fresh codegen output (run `npm run codegen`)', async () => {
    const [output] = await generate({ ...codegenConfig, cwd: new URL('.', root).pathname, silent: true }, false);
    expect(read('test/generated/operations.ts')).toBe(output!.content);
  }, 60_000);
});

describe('contract operations', () => {
  it('every operation the project keeps is the contract text, unchanged', () => {
    const ours = contractOperations();
    const theirs = contract();
    for (const [name, text] of ours) expect(text, name).toBe(theirs.get(name));
    expect([...theirs.keys()].filter((n) => !ours.has(n)), 'contract operations the project does not keep').toEqual([]);
  });

  it('every kept operation validates against the committed SDL', () => {
    const sdl = buildSchema(read('schema/schema.graphql'));
    for (const [name, text] of contractOperations()) expect(validate(sdl, parse(text)).map((e) => e.message), name).toEqual([]);
  });
});

describe('mutation results', () => {
  it('every mutation answers <Name>Result: the typed errors and one success payload, never a bare node', () => {
    const sdl = buildSchema(read('schema/schema.graphql'));
    const node = sdl.getType('Node') as GraphQLInterfaceType;
    const error = sdl.getType('Error') as GraphQLInterfaceType;
    for (const field of Object.values(sdl.getMutationType()!.getFields())) {
      const union = getNamedType(field.type);
      expect(union.name, field.name).toBe(`${field.name[0]!.toUpperCase()}${field.name.slice(1)}Result`);
      const successes = (union as GraphQLUnionType).getTypes().filter((member) => !member.getInterfaces().includes(error));
      expect(successes.map((s) => s.getInterfaces().includes(node)), field.name).toEqual([false]);
    }
  });
});
