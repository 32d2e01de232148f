/**
 * The header that makes a GET (or form-like POST) non-simple for CSRF prevention. A JSON POST needs
 * none: `content-type: application/json` already makes a browser ask the server first.
 */
export const csrfHeader = 'x-graphql-yoga-csrf';
