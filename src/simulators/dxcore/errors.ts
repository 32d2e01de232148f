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
  clientNotFound: () => dxError(404, codes.clientNotFound, 'Specified client is not found'),
  brokerNotFound: () => dxError(404, codes.brokerNotFound, 'Specified broker is not found'),
  clientGroupNotFound: () => dxError(404, codes.clientGroupNotFound, 'Specified client group is not found'),
  categoryNotFound: () => dxError(404, codes.categoryNotFound, 'Specified category is not found'),
  accountNotFound: () => dxError(404, codes.accountNotFound, 'Specified account is not found'),
  notificationNotFound: () => dxError(404, codes.notificationNotFound, 'Specified message is not found'),
  badRecipientsFormat: (recipient: string) => dxError(400, codes.badRecipientsFormat, 'Bad recipients format', [recipient]),
};

/** SimServer answers for an unmatched route and for a handler bug: dxCore's catch-all 10001. */
export const dxFallbacks = {
  notFound: (): SimResponse => dxErrorResponse(404, codes.unknown, 'Resource not found'),
  internalError: (): SimResponse => dxErrorResponse(500, codes.unknown, 'Unknown error'),
};
