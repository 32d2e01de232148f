import { z } from 'zod';
import { optional } from './decode.ts';

/**
 * dxCore's JSON shapes (document 000), as far as the gateway reads them. Only identifying fields are
 * required: every other attribute may be absent (the `attributes` parameter, older or newer servers)
 * or null, and unknown attributes are dropped.
 */
export const dxAccountGroup = z.object({ category: z.string(), value: z.string() });

export const dxAccount = z.object({
  clearingCode: z.string(),
  accountCode: z.string(),
  brokerCode: optional(z.string()),
  type: optional(z.string()),
  status: optional(z.string()),
  accountCashType: optional(z.string()),
  expirationDate: optional(z.string()),
  accountType: optional(z.string()),
  currency: optional(z.string()),
  balance: optional(z.number()),
  credit: optional(z.number()),
  equityOptionsLevel: optional(z.number()),
  futuresOptionsLevel: optional(z.number()),
  categories: optional(z.array(dxAccountGroup)),
  allowedInstruments: optional(z.array(z.string())),
  alpacaOmnibusSubAccountId: optional(z.string()),
  selfDepositBalanceAllowed: optional(z.boolean()),
  pdtAccount: optional(z.boolean()),
});
export type DxAccount = z.infer<typeof dxAccount>;

const dxLocation = z.object({ countryCode: optional(z.string()), zipCode: optional(z.string()), address: optional(z.string()) });
const dxDocument = z.object({
  type: optional(z.string()),
  series: optional(z.string()),
  number: optional(z.string()),
  issuedBy: optional(z.string()),
  issuedDate: optional(z.string()),
});

export const dxClient = z.object({
  domain: z.string(),
  login: z.string(),
  accounts: optional(z.array(dxAccount)),
  fullName: optional(z.string()),
  email: optional(z.string()),
  brokerCode: optional(z.string()),
  type: optional(z.string()),
  status: optional(z.string()),
  passwordExpiry: optional(z.number()),
  passwordReset: optional(z.boolean()),
  createdDateTime: optional(z.string()),
  lastLogin: optional(z.string()),
  groups: optional(z.array(z.string())),
  birthPlace: optional(z.string()),
  birthDate: optional(z.string()),
  citizenship: optional(z.string()),
  phone: optional(z.string()),
  insuranceNumber: optional(z.string()),
  company: optional(z.string()),
  contractDate: optional(z.string()),
  location: optional(dxLocation),
  document: optional(dxDocument),
  comments: optional(z.string()),
  dxFeedAccountId: optional(z.string()),
});
export type DxClient = z.infer<typeof dxClient>;

export const dxBroker = z.object({
  brokerCode: z.string(),
  name: optional(z.string()),
  namespace: optional(z.string()),
  parentBrokerCode: optional(z.string()),
  countryCode: optional(z.string()),
  type: optional(z.string()),
  description: optional(z.string()),
  clientPrincipalGroup: optional(z.string()),
  dealerPrincipalGroup: optional(z.string()),
});
export type DxBroker = z.infer<typeof dxBroker>;

export const dxCategory = z.object({
  category: z.string(),
  values: optional(z.array(z.object({ value: z.string() }))),
});
export type DxCategory = z.infer<typeof dxCategory>;

export const dxClientGroup = z.object({
  domain: z.string(),
  name: z.string(),
  clients: optional(z.array(z.string())),
  ancestors: optional(z.array(z.string())),
});
export type DxClientGroup = z.infer<typeof dxClientGroup>;

export const dxDeliveryStatus = z.object({
  recipient: optional(z.string()),
  readTime: optional(z.number()),
  acknowledgmentTime: optional(z.number()),
});

export const dxNotificationDelivery = z.object({
  notificationId: optional(z.string()),
  statuses: optional(z.array(dxDeliveryStatus)),
});
export type DxNotificationDelivery = z.infer<typeof dxNotificationDelivery>;

export const dxLoginResult = z.object({ sessionToken: z.string().min(1), timeout: z.number().positive() });
export type DxLoginResult = z.infer<typeof dxLoginResult>;

/** dxCore failure body: `{errorCode, errorMessage[, errorDetails]}`. */
export const dxErrorBody = z.object({
  errorCode: z.union([z.number(), z.string()]).transform(String),
  errorMessage: optional(z.string()),
  errorDetails: optional(z.array(z.string())),
});

/** A transfer as dxCore answers it (readings.ts `DxTransferAnswer`). */
export const dxTransfer = z.object({
  transferId: z.string(),
  kind: optional(z.string()),
  clearingCode: optional(z.string()),
  accountCode: optional(z.string()),
  currency: z.string(),
  amount: z.number(),
  description: optional(z.string()),
  createdDateTime: optional(z.string()),
});
export type DxTransfer = z.infer<typeof dxTransfer>;

const failedTransaction = z.object({ transactionId: z.string(), errorCode: z.string(), errorText: optional(z.string()) });

/** Document 000's "Transactions import result". */
export const dxImportResult = z.object({
  createdTransactions: z.array(z.string()),
  updatedTransactions: z.array(z.string()),
  deletedTransactions: z.array(z.string()),
  failedTransactions: z.array(failedTransaction),
});
export type DxImportResult = z.infer<typeof dxImportResult>;

export const dxSsoTokenInfo = z.object({
  expirationTime: optional(z.number()),
  userName: optional(z.string()),
  userDomain: optional(z.string()),
  userId: optional(z.number()),
  serialNumber: optional(z.number()),
});

/** A text/plain answer (notification ids, SSO tokens). */
export const dxText = z.union([z.string(), z.number()]).transform(String);
/** An answer whose body the gateway does not read (204, "OK"). */
export const dxIgnored = z.unknown();
