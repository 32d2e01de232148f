import { readdirSync, readFileSync } from 'node:fs';

/** schema/operations/: the contract operations, byte for byte as the contract spells them. */
export const operationsDir = new URL('../schema/operations/', import.meta.url);

/** The contract operations the gateway serves, by name (schema/operations/<Name>.graphql). */
export function contractOperations(): Map<string, string> {
  const files = readdirSync(operationsDir).filter((f) => f.endsWith('.graphql')).sort();
  return new Map(files.map((f) => [f.replace(/\.graphql$/, ''), readFileSync(new URL(f, operationsDir), 'utf8')]));
}
