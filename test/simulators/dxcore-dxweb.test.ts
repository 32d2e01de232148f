import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  alice,
  bob,
  clientPath,
  disabledClient,
  expectBare,
  expectError,
  Harness,
  seededClientPassword,
  service,
  world,
} from './dxcore-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
});
afterEach(() => h.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const aliceId = world.clients.indexOf(alice) + 1;

describe('dxWeb: /checkLogin', () => {
  it('GET and POST answer 200 with no content for right credentials', async () => {
    const query = new URLSearchParams({ login: alice.login, domain: alice.domain, password: seededClientPassword });
    const viaGet = await h.get(`/checkLogin?${query}`);
    expect(viaGet.status).toBe(200);
    expect(viaGet.text).toBe('');
    const viaPost = await h.form('/checkLogin', { login: alice.login, domain: alice.domain, password: seededClientPassword });
    expect(viaPost.status).toBe(200);
    expect((await h.form('/checkLogin', { login: service.username, domain: service.domain, password: service.password })).status).toBe(200);
  });

  it('accepts an SSO token of that user instead of a password', async () => {
    const token = (await h.form('/generateToken', { login: alice.login, domain: alice.domain })).text;
    expect((await h.form('/checkLogin', { login: alice.login, domain: alice.domain, token })).status).toBe(200);
    expectError(await h.form('/checkLogin', { login: bob.login, domain: bob.domain, token }), 403, 20020);
    expectError(await h.form('/checkLogin', { login: alice.login, domain: alice.domain, token: 'forged' }), 403, 20020);
  });

  it('403 20020 for wrong credentials or a DISABLED client; 400 20001 for missing parameters', async () => {
    expectError(await h.form('/checkLogin', { login: alice.login, domain: alice.domain, password: 'wrong' }), 403, 20020);
    expectError(await h.form('/checkLogin', { login: disabledClient.login, domain: disabledClient.domain, password: seededClientPassword }), 403, 20020);
    expectError(await h.form('/checkLogin', { domain: alice.domain, password: seededClientPassword }), 400, 20001);
    expectError(await h.form('/checkLogin', { login: alice.login, password: seededClientPassword }), 400, 20001);
    expectError(await h.form('/checkLogin', { login: alice.login, domain: alice.domain }), 400, 20001);
    expectError(await h.get(`/checkLogin?login=${alice.login}`), 400, 20001);
  });

  it('needs a caller, but an end user may call it', async () => {
    expectError(await h.form('/checkLogin', { login: alice.login, domain: alice.domain, password: seededClientPassword }, { auth: null }), 401, 20019);
    const auth = await h.clientAuth(bob);
    expect((await h.form('/checkLogin', { login: alice.login, domain: alice.domain, password: seededClientPassword }, { auth })).status).toBe(200);
  });
});

describe('dxWeb: SSO tokens', () => {
  it('/generateToken (GET and POST) answers a text/plain token; /getSSOTokenInfo describes it', async () => {
    const before = Date.now();
    const posted = await h.form('/generateToken', { login: alice.login, domain: alice.domain });
    expect(posted.status).toBe(200);
    expect(posted.headers.get('content-type')).toMatch(/^text\/plain/);
    const fromGet = await h.get(`/generateToken?login=${alice.login}&domain=${alice.domain}`);
    expect(fromGet.text).not.toBe(posted.text);
    const info = await h.form('/getSSOTokenInfo', { token: posted.text });
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ expirationTime: expect.any(Number), userName: alice.login, userDomain: alice.domain, userId: aliceId, serialNumber: 1 });
    expect(info.body.expirationTime).toBeGreaterThanOrEqual(before + 5 * 60_000);
    expect((await h.form('/getSSOTokenInfo', { token: fromGet.text })).body.serialNumber).toBe(2);
  });

  it('/generateToken: 403 with no content for an end user (no LOGIN_ON_BEHALF), 400 / 404 for a missing or unknown user', async () => {
    expectBare(await h.form('/generateToken', { login: bob.login, domain: bob.domain }, { auth: await h.clientAuth(alice) }), 403);
    expectError(await h.form('/generateToken', { login: alice.login }), 400, 20001);
    expectError(await h.form('/generateToken', { login: 'nobody', domain: 'default' }), 404, 30001);
  });

  it("/getSSOToken: a token for the session's user; an end user for their own session only", async () => {
    const aliceToken = await h.session(alice.login, alice.domain, seededClientPassword);
    const byService = await h.post('/getSSOToken', { dxCoreSessionToken: aliceToken, tokenDuration: 60_000, tokenOrigin: 'web' });
    expect(byService.status).toBe(200);
    const info = (await h.form('/getSSOTokenInfo', { token: byService.text })).body;
    expect(info).toMatchObject({ userName: alice.login, userDomain: alice.domain, userId: aliceId });
    const own = await h.post('/getSSOToken', {}, { auth: `DXAPI ${aliceToken}` });
    expect(own.status).toBe(200);
    expect((await h.form('/getSSOTokenInfo', { token: own.text })).body.userName).toBe(alice.login);
    const bobToken = await h.session(bob.login, bob.domain, seededClientPassword);
    expectError(await h.post('/getSSOToken', { dxCoreSessionToken: bobToken }, { auth: `DXAPI ${aliceToken}` }), 403, 20020);
  });

  it('/getSSOToken: 400 for an unknown session, a bad duration or no session at all', async () => {
    expectError(await h.post('/getSSOToken', { dxCoreSessionToken: 'unknown' }), 400, 20019);
    const token = await h.session(alice.login, alice.domain, seededClientPassword);
    expectError(await h.post('/getSSOToken', { dxCoreSessionToken: token, tokenDuration: -5 }), 400, 20001);
    expectError(await h.post('/getSSOToken', { dxCoreSessionToken: token, tokenDuration: '5' }), 400, 20022);
    expectError(await h.post('/getSSOToken', {}), 400, 20001);
  });

  it('/getSSOTokenInfo: 400 with no content for a malformed or expired token; service only', async () => {
    const session = await h.session(alice.login, alice.domain, seededClientPassword);
    const short = (await h.post('/getSSOToken', { dxCoreSessionToken: session, tokenDuration: 30 })).text;
    await sleep(60);
    expectBare(await h.form('/getSSOTokenInfo', { token: short }), 400);
    expectBare(await h.form('/getSSOTokenInfo', { token: 'nope' }), 400);
    expectBare(await h.form('/getSSOTokenInfo', {}), 400);
    expectError(await h.form('/checkLogin', { login: alice.login, domain: alice.domain, token: short }), 403, 20020);
    expectError(await h.form('/getSSOTokenInfo', { token: short }, { auth: `DXAPI ${session}` }), 403, 20020);
  });
});

describe('dxWeb: logouts', () => {
  it('/logoutUserById ends every session of that user (200, empty)', async () => {
    const one = await h.clientAuth(alice);
    const two = await h.clientAuth(alice);
    const other = await h.clientAuth(bob);
    const answer = await h.form('/logoutUserById', { userId: String(aliceId) });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expectError(await h.get(clientPath(alice), { auth: one }), 401, 20019);
    expectError(await h.get(clientPath(alice), { auth: two }), 401, 20019);
    expect((await h.get(clientPath(bob), { auth: other })).status).toBe(200);
  });

  it('/logoutUserByLogin ends every session of that user', async () => {
    const auth = await h.clientAuth(alice);
    expect((await h.form('/logoutUserByLogin', { login: alice.login, domain: alice.domain })).status).toBe(200);
    expectError(await h.get(clientPath(alice), { auth }), 401, 20019);
  });

  it('/logoutUserByToken ends that one session; the end user may end their own', async () => {
    const first = await h.session(alice.login, alice.domain, seededClientPassword);
    const second = await h.session(alice.login, alice.domain, seededClientPassword);
    expect((await h.form('/logoutUserByToken', { login: alice.login, domain: alice.domain, token: first })).status).toBe(200);
    expectError(await h.get(clientPath(alice), { auth: `DXAPI ${first}` }), 401, 20019);
    expect((await h.get(clientPath(alice), { auth: `DXAPI ${second}` })).status).toBe(200);
    // By the user, with that very session; again: nothing left to end, still 200.
    expect((await h.form('/logoutUserByToken', { login: alice.login, domain: alice.domain, token: second }, { auth: `DXAPI ${second}` })).status).toBe(200);
    expectError(await h.get(clientPath(alice), { auth: `DXAPI ${second}` }), 401, 20019);
    expect((await h.form('/logoutUserByToken', { login: alice.login, domain: alice.domain, token: second })).status).toBe(200);
  });

  it("a token of another user is not ended; an end user may not log others out", async () => {
    const bobToken = await h.session(bob.login, bob.domain, seededClientPassword);
    expect((await h.form('/logoutUserByToken', { login: alice.login, domain: alice.domain, token: bobToken })).status).toBe(200);
    expect((await h.get(clientPath(bob), { auth: `DXAPI ${bobToken}` })).status).toBe(200);
    const auth = await h.clientAuth(alice);
    expectError(await h.form('/logoutUserByToken', { login: bob.login, domain: bob.domain, token: bobToken }, { auth }), 403, 20020);
    expectError(await h.form('/logoutUserByLogin', { login: alice.login, domain: alice.domain }, { auth }), 403, 20020);
    expectError(await h.form('/logoutUserById', { userId: String(aliceId) }, { auth }), 403, 20020);
  });

  it('400 (missing), 403 (system user), 404 (unknown user), each with no content', async () => {
    expectBare(await h.form('/logoutUserById', {}), 400);
    expectBare(await h.form('/logoutUserById', { userId: 'abc' }), 400);
    expectBare(await h.form('/logoutUserById', { userId: '0' }), 403);
    expectBare(await h.form('/logoutUserById', { userId: '99999' }), 404);
    expectBare(await h.form('/logoutUserByLogin', { login: alice.login }), 400);
    expectBare(await h.form('/logoutUserByLogin', { login: service.username, domain: service.domain }), 403);
    expectBare(await h.form('/logoutUserByLogin', { login: 'nobody', domain: 'default' }), 404);
    expectBare(await h.form('/logoutUserByToken', { login: alice.login, domain: alice.domain }), 400);
    expectBare(await h.form('/logoutUserByToken', { login: service.username, domain: service.domain, token: 'x' }), 403);
    expectBare(await h.form('/logoutUserByToken', { login: 'nobody', domain: 'default', token: 'x' }), 404);
  });
});
