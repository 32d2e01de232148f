import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultQueryLimits } from '../../src/security/settings.ts';
import { keys, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post(t: TestGateway, body: { query: string; variables?: Record<string, unknown>; operationName?: string }): Promise<Answer> {
  const res = await fetch(`${t.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${keys.all}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

/** The dxCore `attributes` each client read asked for, in order. */
const clientAttributesAsked = (t: TestGateway): string[] =>
  queryCalls(t.sims)
    .filter((c) => c.route === 'GET /api/register/client/:domain/:login')
    .map((c) => new URLSearchParams(c.query).get('attributes') ?? '');

describe('work the gateway keeps per document', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('a query’s cost is computed again when its variables change: the same document passes, is refused, and passes again', async () => {
    // About 50 per group (its members): one group is cheap, 100 groups are over the limit.
    const query = 'query Groups($n: Int!) { clientGroups(first: $n) { edges { node { name members { email } } } } }';
    const refusedCode = (a: Answer) => a.body.errors?.find((e) => e.extensions?.code === 'COST_LIMIT_EXCEEDED');
    for (const round of [1, 2]) {
      t.sims.clearCalls();
      const one = await post(t, { query, variables: { n: 1 } });
      expect(one.status, `round ${round}`).toBe(200);
      expect(refusedCode(one)).toBeUndefined();
      expect((one.body.data?.clientGroups as { edges: unknown[] }).edges).toHaveLength(1);
      expect(queryCalls(t.sims).length).toBeGreaterThan(0);

      t.sims.clearCalls();
      const hundred = await post(t, { query, variables: { n: 100 } });
      expect(hundred.status, `round ${round}`).toBe(400);
      expect(refusedCode(hundred)?.message).toMatch(new RegExp(`^Query cost \\d+ exceeds the limit of ${defaultQueryLimits.cost}`));
      // Refused before anything resolved.
      expect(queryCalls(t.sims)).toEqual([]);
    }
  });

  it('each document reads dxCore for the fields it selects: another document does not reuse the first one’s selections', async () => {
    const variables = { domain: 'default', login: 'alice.martin0' };
    t.sims.clearCalls();
    const narrow = await post(t, { query: 'query C($domain: String!, $login: String!) { client(domain: $domain, login: $login) { login } }', variables });
    const wide = await post(t, { query: 'query C($domain: String!, $login: String!) { client(domain: $domain, login: $login) { login email fullName } }', variables });
    const narrowAgain = await post(t, { query: 'query C($domain: String!, $login: String!) { client(domain: $domain, login: $login) { login } }', variables });
    expect(narrow.body.data?.client).toEqual({ login: 'alice.martin0' });
    expect(wide.body.data?.client).toMatchObject({ login: 'alice.martin0', email: expect.any(String), fullName: expect.any(String) });
    expect(narrowAgain.body.data?.client).toEqual({ login: 'alice.martin0' });
    const [first, second, third] = clientAttributesAsked(t);
    expect(first?.split(',')).not.toContain('email');
    expect(second?.split(',')).toEqual(expect.arrayContaining(['email', 'fullName']));
    expect(third).toBe(first);
  });

  it('one document with two operations: each operation name reads the fields of its own operation', async () => {
    const query = `
      query Names($domain: String!, $login: String!) { client(domain: $domain, login: $login) { fullName } }
      query Emails($domain: String!, $login: String!) { client(domain: $domain, login: $login) { email } }`;
    const variables = { domain: 'default', login: 'alice.martin0' };
    t.sims.clearCalls();
    const names = await post(t, { query, variables, operationName: 'Names' });
    const emails = await post(t, { query, variables, operationName: 'Emails' });
    expect(Object.keys(names.body.data?.client as object)).toEqual(['fullName']);
    expect(Object.keys(emails.body.data?.client as object)).toEqual(['email']);
    const [forNames, forEmails] = clientAttributesAsked(t).map((a) => a.split(','));
    expect(forNames).toContain('fullName');
    expect(forNames).not.toContain('email');
    expect(forEmails).toContain('email');
    expect(forEmails).not.toContain('fullName');
  });
});
