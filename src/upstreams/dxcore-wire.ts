import { z } from 'zod';

/**
 * dxCore's JSON shapes (document 000), as far as the gateway reads them. Only identifying fields are
 * required: every other attribute may be absent (the `attributes` parameter, older or newer servers)
 * or null, and unknown attributes are dropped.
 */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

export const dxAccountGroup = z.object({ category: z.string(), value: z.string() });

export const dxAccount = z.object({
  clearingCode: z.string(),
  accountCode: z.string(),
  brokerCode: opt(z.string()),
  type: opt(z.string()),
  status: opt(z.string()),
  accountCashType: opt(z.string()),
  expirationDate: opt(z.string()),
  accountType: opt(z.string()),
  currency: opt(z.string()),
  balance: opt(z.number()),
  credit: opt(z.number()),
  equityOptionsLevel: opt(z.number()),
  futuresOptionsLevel: opt(z.number()),
  categories: opt(z.array(dxAccountGroup)),
  allowedInstruments: opt(z.array(z.string())),
  alpacaOmnibusSubAccountId: opt(z.string()),
  selfDepositBalanceAllowed: opt(z.boolean()),
  pdtAccount: opt(z.boolean()),
});
export type DxAccount = z.infer<typeof dxAccount>;

const dxLocation = z.object({ countryCode: opt(z.string()), zipCode: opt(z.string()), address: opt(z.string()) });
const dxDocument = z.object({
  type: opt(z.string()),
  series: opt(z.string()),
  number: opt(z.string()),
  issuedBy: opt(z.string()),
  issuedDate: opt(z.string()),
});

export const dxClient = z.object({
  domain: z.string(),
  login: z.string(),
  accounts: opt(z.array(dxAccount)),
  fullName: opt(z.string()),
  email: opt(z.string()),
  brokerCode: opt(z.string()),
  type: opt(z.string()),
  status: opt(z.string()),
  passwordExpiry: opt(z.number()),
  passwordReset: opt(z.boolean()),
  createdDateTime: opt(z.string()),
  lastLogin: opt(z.string()),
  groups: opt(z.array(z.string())),
  birthPlace: opt(z.string()),
  birthDate: opt(z.string()),
  citizenship: opt(z.string()),
  phone: opt(z.string()),
  insuranceNumber: opt(z.string()),
  company: opt(z.string()),
  contractDate: opt(z.string()),
  location: opt(dxLocation),
  document: opt(dxDocument),
  comments: opt(z.string()),
  dxFeedAccountId: opt(z.string()),
});
export type DxClient = z.infer<typeof dxClient>;

export const dxBroker = z.object({
  brokerCode: z.string(),
  name: opt(z.string()),
  namespace: opt(z.string()),
  parentBrokerCode: opt(z.string()),
  countryCode: opt(z.string()),
  type: opt(z.string()),
  description: opt(z.string()),
  clientPrincipalGroup: opt(z.string()),
  dealerPrincipalGroup: opt(z.string()),
});
export type DxBroker = z.infer<typeof dxBroker>;

export const dxCategory = z.object({
  category: z.string(),
  values: opt(z.array(z.object({ value: z.string() }))),
});
export type DxCategory = z.infer<typeof dxCategory>;

export const dxClientGroup = z.object({
  domain: z.string(),
  name: z.string(),
  clients: opt(z.array(z.string())),
  ancestors: opt(z.array(z.string())),
});
export type DxClientGroup = z.infer<typeof dxClientGroup>;

export const dxDeliveryStatus = z.object({
  recipient: opt(z.string()),
  readTime: opt(z.number()),
  acknowledgmentTime: opt(z.number()),
});

export const dxNotificationDelivery = z.object({
  notificationId: opt(z.string()),
  statuses: opt(z.array(dxDeliveryStatus)),
});
export type DxNotificationDelivery = z.infer<typeof dxNotificationDelivery>;

export const dxLoginResult = z.object({ sessionToken: z.string().min(1), timeout: z.number().positive() });
export type DxLoginResult = z.infer<typeof dxLoginResult>;

/** dxCore failure body: `{errorCode, errorMessage[, errorDetails]}`. */
export const dxErrorBody = z.object({
  errorCode: z.union([z.number(), z.string()]).transform(String),
  errorMessage: opt(z.string()),
  errorDetails: opt(z.array(z.string())),
});
