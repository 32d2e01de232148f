/** Writes schema/trusted-documents.json, the id → text manifest of schema/operations/ (`npm run trusted-documents`). */
import { writeFileSync } from 'node:fs';
import { manifestJson } from '../src/security/trusted-documents.ts';

writeFileSync(new URL('../schema/trusted-documents.json', import.meta.url), manifestJson());
console.log('schema/trusted-documents.json written');
