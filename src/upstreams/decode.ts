import type { z } from 'zod';

/** An attribute an upstream may leave out or send as null: both read as absent. */
export const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
