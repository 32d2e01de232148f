import { SimHttpError, type SimResponse } from '../http.ts';
import { dxCoreErrorCodes } from '../../readings.ts';

/** dxCore's "Error description" model (document 000): `errorDetails` only when there are some. */
export interface DxErrorBody {
  errorCode: number;
  errorMessage: string;
  errorDetails?: string[];
}

export function dxErrorResponse(status: number, errorCode: number, errorMessage: string, errorDetails?: string[]): SimResponse {
  const body: DxErrorBody = { errorCode, errorMessage };
  if (errorDetails && errorDetails.length > 0) body.errorDetails = errorDetails;
  return { status, body };
}

/** A failure a handler throws; SimServer turns it into the answer. */
export function dxError(status: number, errorCode: number, errorMessage: string, errorDetails?: string[]): SimHttpError {
  return new SimHttpError(dxErrorResponse(status, errorCode, errorMessage, errorDetails));
}

const codes = dxCoreErrorCodes;

/** The failures the read paths share, named once so that every route spells them alike. */
export const dxErrors = {
  invalidSession: (status = 401) => dxError(status, codes.invalidSession, 'Session is invalid or expired'),
  accessDenied: () => dxError(403, codes.accessDenied, 'Access denied'),
  authenticationFailed: () => dxError(403, codes.accessDenied, 'Authentication failed'),
  requiredFieldEmpty: (field: string) => dxError(400, codes.requiredFieldEmpty, 'Some of the required field is empty', [field]),
  /** dxCore has no code of its own for a bad query value; 20001 is the nearest it documents. */
  invalidParameter: (name: string, value: string) =>
    dxError(400, codes.requiredFieldEmpty, `Invalid value of parameter '${name}'`, [value]),
  invalidJson: (detail?: string) => dxError(400, codes.invalidJson, 'Invalid json message format', detail ? [detail] : undefined),
  clientNotFound: (detail?: string) => dxError(404, codes.clientNotFound, 'Specified client is not found', detail === undefined ? undefined : [detail]),
  brokerNotFound: () => dxError(404, codes.brokerNotFound, 'Specified broker is not found'),
  clientGroupNotFound: (detail?: string) => dxError(404, codes.clientGroupNotFound, 'Specified client group is not found', detail === undefined ? undefined : [detail]),
  categoryNotFound: (detail?: string) => dxError(404, codes.categoryNotFound, 'Specified category is not found', detail === undefined ? undefined : [detail]),
  accountNotFound: () => dxError(404, codes.accountNotFound, 'Specified account is not found'),
  notificationNotFound: () => dxError(404, codes.notificationNotFound, 'Specified message is not found'),
  badRecipientsFormat: (recipient: string) => dxError(400, codes.badRecipientsFormat, 'Bad recipients format', [recipient]),
};

/** The failures of the write paths: documented codes where document 000 kept them, readings.ts elsewhere. */
export const dxWriteErrors = {
  /** A JSON value that is there but not acceptable (a bad enum, a malformed date); 20001 as for query values. */
  invalidField: (name: string, detail: string) => dxError(400, codes.requiredFieldEmpty, `Invalid value of field '${name}'`, [detail]),
  wrongAccountType: (detail: string) => dxError(400, codes.wrongAccountType, 'Wrong account type', [detail]),
  /** Document 000 lists 30014 under the account update's 500; every update path answers it so. */
  fieldCannotBeUpdated: (fields: string[]) => dxError(500, codes.fieldCannotBeUpdated, 'Field cannot be updated', fields),
  ownerNotFound: (recipient: string) => dxError(404, codes.ownerNotFound, 'Specified owner is not found or not a client', [recipient]),
  recipientNotFound: (recipient: string) => dxError(404, codes.recipientNotFound, 'Specified recipient is not found', [recipient]),
  subjectTooLong: (limit: number) => dxError(400, codes.subjectTooLong, 'Subject field exceeds text limit', [`at most ${limit} characters`]),
  messageTooLong: (limit: number) => dxError(400, codes.messageTooLong, 'Message field exceeds text limit', [`at most ${limit} characters`]),
  expirationInPast: (date: string) => dxError(400, codes.expirationInPast, 'Expiration time in the past', [date]),
  transferCurrencyMismatch: (expected: string) =>
    dxError(400, codes.transferCurrencyMismatch, 'Transfer currency differs from account currency', [`account currency is ${expected}`]),
  withdrawableAmountExceeded: (withdrawable: number) =>
    dxError(422, codes.withdrawableAmountExceeded, 'Amount exceeds withdrawable amount', [`withdrawable amount is ${withdrawable}`]),
  transferIdConflict: (transferId: string) =>
    dxError(409, codes.transferIdConflict, 'Transfer with this id was already applied with other parameters', [transferId]),
  invalidTransferAmount: (detail: string) => dxError(400, codes.invalidTransferAmount, 'Invalid transfer amount', [detail]),
  accountNotActive: (status: string) => dxError(422, codes.accountNotActive, 'Account is not active', [status]),
  clientAlreadyExists: (key: string) => dxError(400, codes.clientAlreadyExists, 'Client already exists', [key]),
  accountAlreadyExists: (key: string) => dxError(400, codes.accountAlreadyExists, 'Account already exists', [key]),
  versionConflict: (current: number) => dxError(409, codes.versionConflict, 'Version of the subject has changed', [`current version is ${current}`]),
  clientAlreadyDisabled: () => dxError(409, codes.clientAlreadyDisabled, 'Client is already disabled'),
  tradePermissionNotFound: (user: string) => dxError(404, codes.tradePermissionNotFound, 'Trade permission is not found', [user]),
  categoryAlreadyExists: (detail: string) => dxError(400, codes.categoryAlreadyExists, 'Category already exists', [detail]),
  /** The market-data paths' documented 400 "Request body is not valid"; the code says missing (20001) or malformed (20022). */
  bodyNotValid: (code: 'missing' | 'malformed', detail: string) =>
    dxError(400, code === 'missing' ? codes.requiredFieldEmpty : codes.invalidJson, 'Request body is not valid', [detail]),
  /** dxWeb failures that document 000 lists as "No Content": the status alone. */
  bare: (status: number) => new SimHttpError({ status }),
};

/** SimServer answers for an unmatched route and for a handler bug: dxCore's catch-all 10001. */
export const dxFallbacks = {
  notFound: (): SimResponse => dxErrorResponse(404, codes.unknown, 'Resource not found'),
  internalError: (): SimResponse => dxErrorResponse(500, codes.unknown, 'Unknown error'),
  unavailable: (): SimResponse => dxErrorResponse(503, codes.unknown, 'Service unavailable'),
};
