import { cursorToOffset, offsetToCursor, resolveArrayConnection, resolveOffsetConnection, type DefaultConnectionArguments } from '@pothos/plugin-relay';
import { quoteCallerText } from '../caller-text.ts';
import { builder } from './builder.ts';
import { defaultPageSize, maxPageSize } from './page-sizes.ts';
import { ValidationError } from './typed-errors.ts';


builder.globalConnectionField('totalCount', (t) =>
  t.int({ description: 'How many items the whole list holds, across all pages.', resolve: (parent) => parent.totalCount }),
);

/** Whether `cursor` is one a connection answers: an offset cursor of a whole number, written as Pothos writes it. */
function isOffsetCursor(cursor: string): boolean {
  try {
    const offset = cursorToOffset(cursor);
    return Number.isSafeInteger(offset) && offset >= 0 && offsetToCursor(offset) === cursor;
  } catch {
    return false;
  }
}

/**
 * `after` and `before` are the caller's text: Pothos reads any `OffsetConnection:<text>` as a number,
 * NaN and negatives included, which would page nonsense or reach an upstream as its offset.
 */
function requireCursors(args: DefaultConnectionArguments): DefaultConnectionArguments {
  for (const name of ['after', 'before'] as const) {
    const cursor = args[name];
    if (cursor != null && !isOffsetCursor(cursor)) throw new ValidationError(name, `${name} is not a cursor this connection gave: ${quoteCallerText(cursor)}`);
  }
  return args;
}

/** A connection over a list the upstream returns whole: the gateway pages it. */
export function arrayConnection<T>(args: DefaultConnectionArguments, items: readonly T[]) {
  requireCursors(args);
  return { ...resolveArrayConnection({ args, maxSize: maxPageSize, defaultSize: defaultPageSize }, items), totalCount: items.length };
}

/** A connection over an upstream that pages by offset and limit and reports its total. */
export async function offsetConnection<T>(
  args: DefaultConnectionArguments,
  fetchPage: (page: { offset: number; limit: number }) => Promise<{ items: T[]; totalCount: number }>,
) {
  let totalCount = 0;
  const connection = await resolveOffsetConnection({ args: requireCursors(args), maxSize: maxPageSize, defaultSize: defaultPageSize }, async (page) => {
    const result = await fetchPage(page);
    totalCount = result.totalCount;
    return result.items;
  });
  return { ...connection, totalCount };
}
