import type { SimRequest, SimServer } from '../http.ts';
import type { DxCategory } from '../records.ts';
import { objectBody, type FieldReader } from './bodies.ts';
import { dxErrors, dxWriteErrors } from './errors.ts';
import { noContent, ok, serviceOnly, type RouteContext } from './kit.ts';
import type { DxCoreState } from './state.ts';
import { accountSnapshot, categoryWire } from './wire.ts';

/**
 * A broker's account categories (document 000): create, rename a value, delete values or the whole
 * category (readings.ts). Accounts of the broker follow: a renamed group is renamed on them, a deleted
 * one leaves them, since an account can only be in groups that exist.
 */

const categoryPath = '/api/register/broker/:brokerCode/category';

export function registerCategoryRoutes(server: SimServer, { state, access }: RouteContext): void {
  server.route(
    'POST',
    categoryPath,
    serviceOnly(access, (req) => {
      const { brokerCode, categories } = brokerCategories(state, req);
      const created = readCategory(objectBody(req));
      if (categories.some((c) => c.category === created.category)) throw dxWriteErrors.categoryAlreadyExists(created.category);
      categories.push(created);
      state.brokerCategories.set(brokerCode, categories);
      return ok(categoryWire(created));
    }),
  );

  server.route(
    'PUT',
    categoryPath,
    serviceOnly(access, (req) => {
      const { brokerCode, categories } = brokerCategories(state, req);
      const body = objectBody(req);
      const rename = { category: body.requiredString('category'), oldValue: body.requiredString('oldValue'), newValue: body.requiredString('newValue') };
      const category = categories.find((c) => c.category === rename.category);
      if (!category) throw dxErrors.categoryNotFound(rename.category);
      renameValue(state, brokerCode, category, rename.oldValue, rename.newValue);
      return ok(categoryWire(category));
    }),
  );

  server.route(
    'DELETE',
    categoryPath,
    serviceOnly(access, (req) => {
      const { brokerCode, categories } = brokerCategories(state, req);
      const request = readCategory(objectBody(req));
      const category = categories.find((c) => c.category === request.category);
      if (!category) throw dxErrors.categoryNotFound(request.category);
      deleteValues(state, brokerCode, categories, category, request.values.map((v) => v.value));
      return noContent();
    }),
  );
}

function brokerCategories(state: DxCoreState, req: SimRequest): { brokerCode: string; categories: DxCategory[] } {
  const brokerCode = req.params.brokerCode ?? '';
  const categories = state.categoriesOf(brokerCode);
  if (!categories) throw dxErrors.brokerNotFound();
  return { brokerCode, categories };
}

/** The Category model; a value listed twice is one value. */
function readCategory(body: FieldReader): DxCategory {
  const category = body.requiredString('category');
  const values = (body.objects('values') ?? []).map((item) => item.requiredString('value'));
  return { category, values: [...new Set(values)].map((value) => ({ value })) };
}

function renameValue(state: DxCoreState, brokerCode: string, category: DxCategory, oldValue: string, newValue: string): void {
  const entry = category.values.find((v) => v.value === oldValue);
  if (!entry) throw dxErrors.categoryNotFound(oldValue);
  if (oldValue === newValue) return;
  if (category.values.some((v) => v.value === newValue)) throw dxWriteErrors.categoryAlreadyExists(newValue);
  entry.value = newValue;
  for (const account of accountsOfBroker(state, brokerCode)) {
    const group = account.categories.find((g) => g.category === category.category && g.value === oldValue);
    if (!group) continue;
    group.value = newValue;
    state.events.emit({ type: 'account.updated', account: accountSnapshot(account) });
  }
}

/** Removes the listed values, or the whole category when none is listed; every listed value must exist. */
function deleteValues(state: DxCoreState, brokerCode: string, categories: DxCategory[], category: DxCategory, values: string[]): void {
  const missing = values.find((value) => !category.values.some((v) => v.value === value));
  if (missing !== undefined) throw dxErrors.categoryNotFound(missing);
  const removed = new Set(values.length > 0 ? values : category.values.map((v) => v.value));
  if (values.length > 0) {
    category.values = category.values.filter((v) => !removed.has(v.value));
  } else {
    categories.splice(categories.indexOf(category), 1);
  }
  for (const account of accountsOfBroker(state, brokerCode)) {
    const kept = account.categories.filter((g) => !(g.category === category.category && removed.has(g.value)));
    if (kept.length === account.categories.length) continue;
    account.categories = kept;
    state.events.emit({ type: 'account.updated', account: accountSnapshot(account) });
  }
}

function accountsOfBroker(state: DxCoreState, brokerCode: string) {
  return [...state.accounts.values()].filter((account) => account.brokerCode === brokerCode);
}
