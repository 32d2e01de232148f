import type { SimRequest, SimResponse, SimServer } from '../http.ts';
import type { RetailAccount } from '../records.ts';
import type { RetailContext } from './routes.ts';
import { isValidEmail, type RetailOrder, type RetailSignupForm } from './state.ts';

/**
 * The end-user pages behind the links the simulator answers: the signup (onboarding) form of an order
 * and the personal profile page. They stand in for dxFeed's own pages, so that a test or a demo can
 * play the end user; they carry no API key, as the real links do not.
 */

const htmlType = 'text/html; charset=utf-8';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(status: number, theme: string, title: string, content: string): SimResponse {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`
    + `<body class="theme-${theme === 'DARK' ? 'dark' : 'light'}"><h1>${escapeHtml(title)}</h1>${content}</body></html>`;
  return { status, body, contentType: htmlType };
}

function themeOf(req: SimRequest): string {
  return req.query.get('theme') === 'DARK' ? 'DARK' : 'LIGHT';
}

/** The subscriber statuses the account's `allowedStatuses` lets the questionnaire choose. */
function allowedSubscriberStatuses(account: RetailAccount): string[] {
  const allowed = account.allowedStatuses ?? 'ALL';
  return allowed === 'ALL' ? ['NON_PROFESSIONAL', 'PROFESSIONAL'] : [allowed];
}

function signupForm(req: SimRequest, account: RetailAccount, error?: string): string {
  const value = (name: string) => escapeHtml(account.metadata[name] ?? '');
  const statuses = allowedSubscriberStatuses(account).map((s) => `<option value="${s}">${s}</option>`).join('');
  return [
    error ? `<p class="error">${escapeHtml(error)}</p>` : '',
    `<form method="post" action="${escapeHtml(req.path)}?theme=${themeOf(req)}">`,
    `<label>First name <input name="firstName" value="${value('firstName')}"></label>`,
    `<label>Last name <input name="lastName" value="${value('lastName')}"></label>`,
    `<label>Email <input name="email" type="email" value="${escapeHtml(account.email ?? '')}"${account.email ? '' : ' required'}></label>`,
    `<label>Subscriber status <select name="subscriberStatus">${statuses}</select></label>`,
    '<label><input type="checkbox" name="agree" required> I sign the exchange agreements</label>',
    '<button type="submit">Submit</button></form>',
  ].join('');
}

/** Reads the submitted form, or answers what is wrong with it. */
function readSignup(ctx: RetailContext, account: RetailAccount, fields: URLSearchParams): RetailSignupForm | string {
  if (fields.get('agree') === null) return 'The agreements must be signed.';
  const email = fields.get('email')?.trim() ?? '';
  // Document 001: without an email on the account, the user enters one in the form.
  if (email === '' && account.email === undefined) return 'Email should be specified';
  if (email !== '' && !isValidEmail(email)) return 'Valid email should be specified';
  const holder = email === '' ? undefined : ctx.state.findByEmail(email);
  if (holder && holder.id !== account.id) return 'Another account already uses this email.';
  const subscriberStatus = fields.get('subscriberStatus') ?? '';
  if (!allowedSubscriberStatuses(account).includes(subscriberStatus)) return 'This subscriber status is not allowed for the account.';
  const optional = (name: string) => fields.get(name)?.trim() || undefined;
  return { firstName: optional('firstName'), lastName: optional('lastName'), email: email || undefined, subscriberStatus };
}

function expired(req: SimRequest): SimResponse {
  return page(404, themeOf(req), 'Link expired', '<p>This link has expired or was replaced by a newer one.</p>');
}

function signupOrder(ctx: RetailContext, req: SimRequest): { order: RetailOrder; account: RetailAccount } | undefined {
  const order = ctx.state.orderOfSignupToken(req.params.token ?? '');
  const account = order && ctx.state.getAccount(order.accountId);
  return order && account ? { order, account } : undefined;
}

/** After the form: 303 to the order's `successRedirectUrl` (document 001), or a thank-you page. */
function submitted(req: SimRequest, order: RetailOrder): SimResponse {
  const url = order.successRedirectUrl;
  if (url === null) return page(200, themeOf(req), 'Thank you', '<p>Your personal data has been received.</p>');
  return { ...page(303, themeOf(req), 'Thank you', `<p><a href="${escapeHtml(url)}">Continue</a></p>`), headers: { location: url } };
}

function profilePage(req: SimRequest, ctx: RetailContext, account: RetailAccount): SimResponse {
  const rows = ctx.state
    .subscriptionsOf(account)
    .map((s) => `<li>${escapeHtml(s.name)}: ${s.status}${s.expiresAt ? ` until ${escapeHtml(s.expiresAt)}` : ''}</li>`)
    .join('');
  const email = escapeHtml(account.email ?? '(no email)');
  return page(200, themeOf(req), 'Your profile', `<p>${email}</p><p>${escapeHtml(account.subscriberStatus)}</p><ul>${rows}</ul>`);
}

export function registerRetailPageRoutes(server: SimServer, ctx: RetailContext): void {
  server.route('GET', '/onboarding/:token', (req) => {
    const found = signupOrder(ctx, req);
    return found ? page(200, themeOf(req), 'Market data signup', signupForm(req, found.account)) : expired(req);
  });

  server.route('POST', '/onboarding/:token', (req) => {
    const found = signupOrder(ctx, req);
    if (!found) return expired(req);
    const form = readSignup(ctx, found.account, new URLSearchParams(req.rawBody));
    if (typeof form === 'string') return page(400, themeOf(req), 'Market data signup', signupForm(req, found.account, form));
    ctx.state.submitSignup(found.account, found.order, form);
    return submitted(req, found.order);
  });

  server.route('GET', '/profile/:token', (req) => {
    const account = ctx.state.accountOfProfileLink(req.params.token ?? '');
    return account ? profilePage(req, ctx, account) : expired(req);
  });
}
