import { resolveArrayConnection, resolveOffsetConnection, type DefaultConnectionArguments } from '@pothos/plugin-relay';
import { builder } from './builder.ts';
import { defaultPageSize, maxPageSize } from './page-sizes.ts';


builder.globalConnectionField('totalCount', (t) =>
  t.int({ description: 'How many items the whole list holds, across all pages.', resolve: (parent) => parent.totalCount }),
);

/** A connection over a list the upstream returns whole: the gateway pages it. */
export function arrayConnection<T>(args: DefaultConnectionArguments, items: readonly T[]) {
  return { ...resolveArrayConnection({ args, maxSize: maxPageSize, defaultSize: defaultPageSize }, items), totalCount: items.length };
}

/** A connection over an upstream that pages by offset and limit and reports its total. */
export async function offsetConnection<T>(
  args: DefaultConnectionArguments,
  fetchPage: (page: { offset: number; limit: number }) => Promise<{ items: T[]; totalCount: number }>,
) {
  let totalCount = 0;
  const connection = await resolveOffsetConnection({ args, maxSize: maxPageSize, defaultSize: defaultPageSize }, async (page) => {
    const result = await fetchPage(page);
    totalCount = result.totalCount;
    return result.items;
  });
  return { ...connection, totalCount };
}
