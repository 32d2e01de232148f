import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { forget } from '../loading.ts';
import { mutation, recordPayload } from '../mutations.ts';
import { requireNonEmptyList, requireText } from '../validation.ts';
import { BrokerNode, type BrokerRef } from './broker.ts';

const BrokerCategoryInput = builder.inputType('BrokerCategoryInput', {
  fields: (t) => ({
    brokerCode: t.string({ required: true }),
    category: t.string({ required: true, description: 'The category key, e.g. TRADE_TYPE.' }),
    values: t.stringList({ description: 'Group names (values). On delete, omit to remove the whole category.' }),
  }),
});

const RenameBrokerCategoryValueInput = builder.inputType('RenameBrokerCategoryValueInput', {
  fields: (t) => ({
    brokerCode: t.string({ required: true }),
    category: t.string({ required: true }),
    oldValue: t.string({ required: true }),
    newValue: t.string({ required: true }),
  }),
});

type CategoryArgs = typeof BrokerCategoryInput.$inferInput;

const values = (input: CategoryArgs, required: boolean): string[] => {
  if (!required && (input.values === null || input.values === undefined)) return [];
  return requireNonEmptyList('input.values', input.values ?? [], 500).map((v, i) => requireText(`input.values.${i}`, v));
};

/** The broker whose categories changed; its category reads in this request go upstream again. */
function changedBroker(ctx: Context, brokerCode: string): BrokerRef {
  forget(ctx, 'dxcore:broker-categor');
  forget(ctx, 'dxcore:categories');
  return { key: brokerCode };
}

const BrokerCategoryCreated = recordPayload('BrokerCategoryCreated', 'broker', BrokerNode, {
  payload: 'The broker has the new account category with its values.',
  record: 'The broker; its categories are read afresh when selected.',
});

mutation('createBrokerCategory', {
  description: "Adds an account category with its values to a broker (dxCore: 'Create new account category').",
  args: (arg) => ({ input: arg({ type: BrokerCategoryInput, required: true }) }),
  scope: { admin: true },
  success: BrokerCategoryCreated,
  resolve: async ({ input }, ctx) => {
    const brokerCode = requireText('input.brokerCode', input.brokerCode);
    await ctx.dxcore.writes.createBrokerCategory(brokerCode, requireText('input.category', input.category), values(input, true));
    return { broker: changedBroker(ctx, brokerCode) };
  },
});

const BrokerCategoryValueRenamed = recordPayload('BrokerCategoryValueRenamed', 'broker', BrokerNode, {
  payload: "The category value was renamed, on the broker's accounts too.",
  record: 'The broker; its categories are read afresh when selected.',
});

mutation('renameBrokerCategoryValue', {
  args: (arg) => ({ input: arg({ type: RenameBrokerCategoryValueInput, required: true }) }),
  scope: { admin: true },
  success: BrokerCategoryValueRenamed,
  resolve: async ({ input }, ctx) => {
    const brokerCode = requireText('input.brokerCode', input.brokerCode);
    const [category, oldValue, newValue] = (['category', 'oldValue', 'newValue'] as const).map((f) => requireText(`input.${f}`, input[f])) as [string, string, string];
    await ctx.dxcore.writes.renameBrokerCategoryValue(brokerCode, category, oldValue, newValue);
    return { broker: changedBroker(ctx, brokerCode) };
  },
});

const BrokerCategoryDeleted = recordPayload('BrokerCategoryDeleted', 'broker', BrokerNode, {
  payload: 'The values, or the whole category, are gone from the broker.',
  record: 'The broker; its categories are read afresh when selected.',
});

mutation('deleteBrokerCategory', {
  description: 'Removes the listed values from a category, or the whole category when no values are given.',
  args: (arg) => ({ input: arg({ type: BrokerCategoryInput, required: true }) }),
  scope: { admin: true },
  success: BrokerCategoryDeleted,
  resolve: async ({ input }, ctx) => {
    const brokerCode = requireText('input.brokerCode', input.brokerCode);
    await ctx.dxcore.writes.deleteBrokerCategory(brokerCode, requireText('input.category', input.category), values(input, false));
    return { broker: changedBroker(ctx, brokerCode) };
  },
});
