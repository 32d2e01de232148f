import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { AccountEventsDocument, MarketDataEventsDocument } from '../generated/operations.ts';
import { subscribeSse, subscribeWs, subscriptionScope, until } from '../support/events.ts';
import { gql } from '../support/gql.ts';
import { keys, startTestGateway, type TestGateway } from '../support/gateway.ts';

const partner = `Bearer ${keys.all}`;

describe('subscriptions per caller (SUBSCRIPTIONS_PER_CALLER=2)', () => {
  let t: TestGateway;
  const scope = subscriptionScope(() => t);
  beforeAll(async () => {
    t = await startTestGateway({}, { SUBSCRIPTIONS_PER_CALLER: '2' });
  });
  afterEach(() => scope.release());
  afterAll(() => t.close());

  it('a caller holding two gets TOO_MANY_SUBSCRIPTIONS for a third, over graphql-ws and over SSE alike; another caller is not affected', async () => {
    const first = await scope.live(AccountEventsDocument, undefined, partner);
    await scope.live(MarketDataEventsDocument, {}, partner);
    expect(t.gateway.events.size).toBe(2);

    // Same socket as none of the others: the count is the caller's, not the socket's.
    const third = scope.track(subscribeWs(scope.client(partner), AccountEventsDocument));
    await third.ended();
    expect(third.results).toMatchObject([{ errors: [{ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 2 } }] }]);
    const overSse = scope.track(await subscribeSse(t.gateway.url, AccountEventsDocument, { authorization: partner }));
    await overSse.ended();
    expect(overSse.results).toMatchObject([{ errors: [{ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } }] }]);
    expect(t.gateway.events.size).toBe(2);

    await scope.live(AccountEventsDocument, undefined, `Bearer ${keys.reader}`);
    expect(t.gateway.events.size).toBe(3);

    // Ending one frees its slot.
    await first.close();
    await until(() => t.gateway.events.size === 2, 'the ended subscription to be released');
    await scope.liveSse(AccountEventsDocument, undefined, partner);
    expect(t.gateway.events.size).toBe(3);
  });

  it('a subscription refused for another reason gives its slot back', async () => {
    for (let i = 0; i < 3; i++) {
      const refused = scope.track(subscribeWs(scope.client(partner), gql`subscription ($after: ID) { accountEvents(after: $after) { id } }`, { after: 'no-such-event' }));
      await refused.ended();
      expect(JSON.stringify(refused.results)).toContain('EVENT_NOT_IN_LOG');
    }
    await scope.live(AccountEventsDocument, undefined, partner);
    await scope.live(AccountEventsDocument, undefined, partner);
    expect(t.gateway.events.size).toBe(2);
  });
});

describe('SUBSCRIPTIONS_PER_CALLER', () => {
  it('is 100 by default, may be off, and a bad value names the variable', () => {
    expect(loadConfig({}).subscriptionsPerCaller).toBe(100);
    expect(loadConfig({ SUBSCRIPTIONS_PER_CALLER: 'off' }).subscriptionsPerCaller).toBeUndefined();
    expect(() => loadConfig({ SUBSCRIPTIONS_PER_CALLER: '0' })).toThrow(new ConfigError('SUBSCRIPTIONS_PER_CALLER must be a whole number from 1, or off'));
  });
});
