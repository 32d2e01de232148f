import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, getNamedType, parse, validate, type GraphQLInterfaceType, type GraphQLUnionType, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import codegenConfig from '../codegen.ts';
import { contractOperations } from '../src/contract-operations.ts';
import { printedSchema } from '../src/graph/schema.ts';

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/**
 * The operations callers use (README, "Contract"): schema/operations/ keeps each as its callers send it,
 * byte for byte, one file per operation named for it. The list is here so that none goes missing unseen.
 */
const contractNames = [
  'AccountEvents', 'AccountsOverview', 'ActivateSubscriptions', 'BackOfficeClients', 'DepositFunds', 'Login', 'MarketDataEvents',
  'Me', 'NotificationDelivery', 'PlatformAccounts', 'SendNotification', 'TraderDashboard', 'WithdrawFunds',
];

describe('generated files', () => {
  it('schema/schema.graphql is the printed Pothos schema (run `npm run schema:print`)', () => {
    expect(read('schema/schema.graphql')).toBe(printedSchema());
  });

  it('test/generated/ and client/generated/ are fresh codegen output (run `npm run codegen`)', async () => {
    const outputs: { filename: string; content: string }[] = await generate({ ...codegenConfig, cwd: new URL('.', root).pathname, silent: true }, false);
    expect(outputs.map((o) => o.filename).sort()).toEqual(['client/generated/gql.ts', 'client/generated/graphql.ts', 'client/generated/index.ts', 'client/generated/persisted-documents.json', 'test/generated/operations.ts']);
    for (const output of outputs) expect(read(output.filename), output.filename).toBe(output.content);
  }, 60_000);
});

describe('contract operations', () => {
  it('schema/operations/ holds the contract operations, one a file, each named for its file', () => {
    const ours = contractOperations();
    expect([...ours.keys()]).toEqual(contractNames);
    for (const [name, text] of ours) {
      const definitions = parse(text).definitions;
      expect(definitions.map((d) => d.kind), name).toEqual(['OperationDefinition']);
      expect((definitions[0] as OperationDefinitionNode).name?.value, name).toBe(name);
    }
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
