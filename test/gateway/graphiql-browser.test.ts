import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DemoGateway } from '../../src/demo.ts';
import { startDemo } from '../support/gateway.ts';

// GraphiQL in Debian's Chromium, as a partner opens it after `npm start`: no network beyond loopback.
const chromiumPath = '/usr/bin/chromium';
const screenshots = new URL('../../test-screenshots/', import.meta.url).pathname;
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Requests the pages made to anything but this machine (each blocked), and Content-Security-Policy refusals. */
const outside: string[] = [];
const refusedByPolicy: string[] = [];

async function openProfile(profile: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    // Chromium's sandbox needs a user namespace that root in a container does not get.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
    viewport: { width: 1400, height: 900 },
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (loopbackHosts.has(url.hostname)) return route.continue();
    outside.push(url.href);
    return route.abort('blockedbyclient');
  });
  const watch = (page: Page) => page.on('console', (message) => message.text().includes('Content Security Policy') && refusedByPolicy.push(message.text()));
  context.pages().forEach(watch);
  context.on('page', watch);
  return context;
}

const text = async (page: Page, selector: string) => (await page.locator(selector).innerText()).replace(/\u00a0/g, ' ');
const response = (page: Page, containing: string) => page.locator('.graphiql-response .view-lines', { hasText: containing }).waitFor({ timeout: 15_000 });

/** Selects a tab and runs it, as a person would: its button (scrolled out of the strip, so clicked by event), then Execute. */
async function runTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name });
  await tab.getByRole('button', { name }).dispatchEvent('click');
  await tab.and(page.locator('[aria-selected="true"]')).waitFor();
  await page.locator('.graphiql-query-editor .view-lines', { hasText: name }).waitFor();
  // GraphiQL reads the operation's name (which a run sends) 100 ms after its editor changes, and saves the
  // editor's text in the same step: a run clicked sooner sends the previous tab's name ("Cannot infer operation").
  await page.waitForFunction((operation) => new RegExp(`^(query|mutation|subscription) ${operation}\\b`, 'm').test(localStorage.getItem('graphiql:query') ?? ''), name);
  await page.locator('.graphiql-execute-button').click();
}

/** The variables GraphiQL opened the tab with (the page's options). */
async function tabVariables(page: Page, name: string): Promise<Record<string, unknown>> {
  const options = JSON.parse((await page.locator('#graphiql-options').textContent()) ?? '{}') as { defaultTabs: { query: string; variables?: string }[] };
  const tab = options.defaultTabs.find((t) => new RegExp(`^(query|mutation|subscription) ${name}\\b`, 'm').test(t.query));
  return JSON.parse(tab?.variables ?? '{}') as Record<string, unknown>;
}

// Chromium's start and two demo starts: more than the default on a loaded machine.
describe('GraphiQL in a browser (demo mode)', { timeout: 60_000 }, () => {
  let demo: DemoGateway;
  let context: BrowserContext;
  let profile: string;
  let url: string;

  beforeAll(async () => {
    // Never skipped: without Chromium this fails, and says how to get it.
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install chromium; .ci/run does)`);
    demo = await startDemo({ PORT: '0', GATEWAY_API_KEYS: '' });
    url = `http://localhost:${new URL(demo.url).port}/graphql`;
    profile = mkdtempSync(join(tmpdir(), 'graphiql-profile-'));
    context = await openProfile(profile);
  }, 60_000);

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail' || !context) return;
    mkdirSync(screenshots, { recursive: true });
    const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
    for (const [i, page] of context.pages().entries()) await page.screenshot({ path: join(screenshots, `${name}-${i}.png`) }).catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await demo?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('opens with no network beyond loopback and shows a tab per operation', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.locator('.graphiql-query-editor .view-lines', { hasText: 'subscription' }).waitFor();
    expect(await page.getByRole('tab').allInnerTexts()).toEqual([
      'AccountEvents', 'AccountsOverview', 'ActivateSubscriptions', 'BackOfficeClients', 'DepositFunds', 'Login', 'MarketDataEvents',
      'Me', 'NotificationDelivery', 'PlatformAccounts', 'SendNotification', 'TraderDashboard', 'WithdrawFunds', 'CreatePlatformAccount',
    ]);
    expect(outside).toEqual([]);
    expect(refusedByPolicy).toEqual([]);
  });

  it('runs TraderDashboard and shows the trader', async () => {
    const page = context.pages()[0] as Page;
    const { login } = await tabVariables(page, 'TraderDashboard');
    await runTab(page, 'TraderDashboard');
    await response(page, `"login": "${String(login)}"`);
    expect(await text(page, '.graphiql-response .view-lines')).toContain('"accounts": [');
    expect(demo.simulators.dxcore.server.calls.filter((call) => call.route.startsWith('GET /api/register/client')).length).toBeGreaterThan(0);
    expect(outside).toEqual([]);
  });

  it('runs the events walkthrough in two windows: the account created in the second arrives in the first', async () => {
    const events = context.pages()[0] as Page;
    await runTab(events, 'AccountEvents');
    const second = await context.newPage();
    await second.goto(url);
    await runTab(second, 'CreatePlatformAccount');
    await response(second, 'PlatformAccountCreated');
    expect(demo.simulators.platform.server.calls.filter((call) => call.route === 'POST /accounts')).toHaveLength(1);
    const accountId = /"accountId": "([0-9a-f-]{36})"/.exec(await text(second, '.graphiql-response .view-lines'))?.[1] as string;
    expect(accountId).toBeDefined();
    await response(events, accountId);
    expect(await text(events, '.graphiql-response .view-lines')).toMatch(/"type": "ACCOUNT_(CREATED|ACTIVATED)"/);
    await second.close();
    expect(outside).toEqual([]);
  });

  it('runs the market-data walkthrough the same way: the activation in the second window arrives in the first', async () => {
    const events = context.pages()[0] as Page;
    const { accountId } = await tabVariables(events, 'MarketDataEvents');
    await runTab(events, 'MarketDataEvents');
    const second = await context.newPage();
    await second.goto(url);
    await runTab(second, 'ActivateSubscriptions');
    await response(second, 'SubscriptionActivation');
    expect(demo.simulators.retail.server.calls.filter((call) => call.route === 'POST /api/v1/accounts/:accountId/subscriptions')).toHaveLength(1);
    await response(events, 'SUBSCRIPTION_ACTIVATED');
    expect(await text(events, '.graphiql-response .view-lines')).toContain(`"accountId": "${String(accountId)}"`);
    await second.close();
    expect(outside).toEqual([]);
  });

  it('after a restart, the open page and then the same profile run again without clearing anything, schema docs and autocomplete included', async () => {
    const page = context.pages()[0] as Page;
    const saved = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('graphiql:')).sort());
    const before = await saved();
    expect(before).toContain('graphiql:tabState');
    const port = new URL(demo.url).port;
    await demo.close();
    demo = await startDemo({ PORT: port, GATEWAY_API_KEYS: '' });
    // The page left open, not reloaded: its tabs still hold the demo key.
    const { login } = await tabVariables(page, 'TraderDashboard');
    await runTab(page, 'TraderDashboard');
    await response(page, `"login": "${String(login)}"`);
    // The browser closed and opened again on the same profile: the saved tabs, the schema's docs and a run.
    // GraphiQL saves the active tab's editors apart from its tabs, 500 ms after a change: closed once saved.
    await page.waitForFunction((name) => {
      const saved = JSON.parse(localStorage.getItem('graphiql:tabState') ?? '{}') as { tabs?: { query: string; variables: string }[]; activeTabIndex?: number };
      const active = saved.tabs?.[saved.activeTabIndex ?? -1];
      return active?.query.includes(name) && localStorage.getItem('graphiql:query') === active.query && localStorage.getItem('graphiql:variables') === active.variables;
    }, 'query TraderDashboard');
    await context.close();
    context = await openProfile(profile);
    const reopened = context.pages()[0] ?? (await context.newPage());
    await reopened.goto(url);
    await reopened.getByRole('tab', { name: 'TraderDashboard' }).and(reopened.locator('[aria-selected="true"]')).waitFor();
    await reopened.getByRole('button', { name: /documentation explorer/i }).click();
    await reopened.locator('.graphiql-doc-explorer', { hasText: 'Mutation' }).waitFor();
    await runTab(reopened, 'TraderDashboard');
    await response(reopened, `"login": "${String(login)}"`);
    // Autocomplete, from the schema read after the restart, in a new tab.
    await reopened.getByRole('button', { name: /new tab/i }).click();
    await reopened.locator('.graphiql-query-editor .monaco-editor').click();
    await reopened.keyboard.type('{ clientGr');
    await reopened.keyboard.press('Control+Space');
    await reopened.locator('.suggest-widget', { hasText: 'clientGroups' }).waitFor();
    expect(outside).toEqual([]);
    expect(refusedByPolicy).toEqual([]);
  });
});
