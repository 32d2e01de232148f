/** The caller scopes of the contract; `*` in GATEWAY_API_KEYS grants all of them. */
export const scopeNames = ['read', 'write', 'transfers', 'admin'] as const;
export type Scope = (typeof scopeNames)[number];
