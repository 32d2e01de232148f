import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DxClient } from '../../src/simulators/records.ts';
import { seededClientPassword } from '../../src/simulators/seed.ts';
import { wsClient } from '../support/events.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

type Answer = ExecutionResult<Record<string, Record<string, unknown> | null>> & { errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** An anonymous raw POST to /graphql (`body` JSON-encoded), as a guesser sends it. */
async function post(url: string, body: unknown): Promise<{ status: number; body: Answer }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

const loginField = (alias: string, username: string, password: string) =>
  `${alias}: login(input: { username: "${username}", domain: "default", password: "${password}" }) { __typename ... on Error { code } }`;

const enabledClients = (t: TestGateway): DxClient[] => [...t.sims.dxcore.state.clients.values()].filter((c) => c.status !== 'DISABLED' && c.domain === 'default');
/** Password tries that reached dxCore (the service session is warm, so each /login is a caller's). */
const dxLogins = (t: TestGateway) => t.sims.dxcore.server.calls.filter((c) => c.route === 'POST /login').length;

describe('one login per request', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());
  beforeEach(() => t.sims.clearCalls());

  it('refuses 15 aliased logins in one document before any password is tried', async () => {
    const victim = enabledClients(t)[0]!.login;
    const guesses = Array.from({ length: 15 }, (_, i) => loginField(`g${i}`, victim, `guess-${i}`)).join('\n');
    const res = await post(t.gateway.url, { query: `mutation { ${guesses} }` });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_LOGINS_EXCEEDED' });
    expect(dxLogins(t)).toBe(0);
  });

  it('counts logins reached through fragments and in every operation of the document', async () => {
    const victim = enabledClients(t)[0]!.login;
    const documents = [
      `mutation { ...Guess ${loginField('b', victim, 'second')} } fragment Guess on Mutation { ${loginField('a', victim, 'first')} }`,
      `mutation { ... on Mutation { ${loginField('a', victim, 'first')} } ... on Mutation { ${loginField('b', victim, 'second')} } }`,
      `mutation { ...Guess ...Guess } fragment Guess on Mutation { ${loginField('a', victim, 'first')} }`,
      `mutation One { ${loginField('a', victim, 'first')} } mutation Two { ${loginField('a', victim, 'second')} }`,
    ];
    for (const query of documents) {
      const res = await post(t.gateway.url, { query, operationName: query.includes('One') ? 'One' : undefined });
      expect(res.status, query).toBe(400);
      expect(res.body.errors?.[0]?.extensions, query).toMatchObject({ code: 'MAX_LOGINS_EXCEEDED' });
    }
    expect(dxLogins(t)).toBe(0);
  });

  it('refuses a batch of login requests (a JSON array) without trying any', async () => {
    const victim = enabledClients(t)[0]!.login;
    const res = await post(t.gateway.url, [{ query: `mutation { ${loginField('a', victim, 'first')} }` }, { query: `mutation { ${loginField('a', victim, 'second')} }` }]);
    expect(res.status).toBe(400);
    expect(dxLogins(t)).toBe(0);
  });

  it('refuses two logins in one graphql-ws operation with the same code, and the socket goes on', async () => {
    const victim = enabledClients(t)[0]!;
    const client = wsClient(t.gateway.url);
    try {
      const run = (query: string) =>
        new Promise<{ errors?: readonly { extensions?: Record<string, unknown> }[]; data?: unknown }>((resolve) => {
          let got: { errors?: readonly { extensions?: Record<string, unknown> }[]; data?: unknown } = {};
          client.subscribe({ query }, { next: (r) => (got = r as typeof got), error: (e) => resolve({ errors: e as never }), complete: () => resolve(got) });
        });
      const refused = await run(`mutation { ${loginField('a', victim.login, 'first')} ${loginField('b', victim.login, 'second')} }`);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_LOGINS_EXCEEDED' });
      expect(dxLogins(t)).toBe(0);
      const one = await run(`mutation { ${loginField('a', victim.login, seededClientPassword)} }`);
      expect(one.data).toEqual({ a: { __typename: 'Session' } });
      expect(dxLogins(t)).toBe(1);
    } finally {
      await client.dispose();
    }
  });

  it('lets one login through, with one dxCore /login', async () => {
    const user = enabledClients(t)[1]!;
    const res = await post(t.gateway.url, { query: `mutation { ${loginField('only', user.login, seededClientPassword)} }` });
    expect(res.body.data).toEqual({ only: { __typename: 'Session' } });
    expect(dxLogins(t)).toBe(1);
  });
});
