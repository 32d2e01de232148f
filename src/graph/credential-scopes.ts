/**
 * Setting an existing user's credential — a dxCore client's password or its policy, a market-data
 * password, or the email a new market-data password is sent to — needs `admin` besides `write`: with
 * `write` alone a key could set any user's password, log in as them and lock them out. A new client's
 * first password needs only `write`, since dxCore refuses to create a login it already has.
 */
export const credentialScopes = { $all: { write: true, admin: true } } as const;

export const credentialScopeNote = 'Needs the `admin` scope besides `write` (FORBIDDEN otherwise): it sets a credential.';

/** The dxCore client fields that are credentials: the password and its policy. */
const clientCredentialFields = ['password', 'passwordExpiry', 'passwordReset'] as const;

type ClientCredentials = Partial<Record<(typeof clientCredentialFields)[number], unknown>>;

/** Whether a client write sets any credential field. */
export const setsClientCredentials = (input: ClientCredentials): boolean => clientCredentialFields.some((field) => (input[field] ?? null) !== null);
