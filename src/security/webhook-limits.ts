import { z } from 'zod';

/** Limits on `/webhooks/*`, checked before a body is read wherever they can be. */
export interface WebhookLimits {
  /** Webhooks being read, verified and logged at once, from every address. @default 16 */
  concurrent: number;
  /** Of those, from one client address. @default 4 */
  perAddress: number;
  /** Time to receive a webhook's body. @default 5000 */
  bodyTimeoutMs: number;
}

export const defaultWebhookLimits: WebhookLimits = { concurrent: 16, perAddress: 4, bodyTimeoutMs: 5_000 };

/** WEBHOOK_LIMITS: JSON overriding some of `defaultWebhookLimits`; unknown keys are refused. */
export const webhookLimitsSetting = z
  .strictObject({
    concurrent: z.number().int().positive().optional(),
    perAddress: z.number().int().positive().optional(),
    bodyTimeoutMs: z.number().int().min(100).optional(),
  })
  .transform((given): WebhookLimits => ({ ...defaultWebhookLimits, ...given }))
  .refine((limits) => limits.perAddress <= limits.concurrent, { message: 'perAddress must not exceed concurrent', path: ['perAddress'] });
