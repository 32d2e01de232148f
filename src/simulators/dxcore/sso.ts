import { randomBytes } from 'node:crypto';

/** The user an SSO token logs in as: SSOTokenInfo's user fields (document 000). */
export interface SsoUser {
  userName: string;
  userDomain: string;
  userId: number;
}

/** Document 000's SSOTokenInfo. */
export interface SsoTokenInfo extends SsoUser {
  /** Epoch milliseconds. */
  expirationTime: number;
  serialNumber: number;
}

/**
 * SSO tokens (`/generateToken`, `/getSSOToken`): opaque strings that `/checkLogin` accepts in place of a
 * password until they expire. Unlike session tokens they are not API credentials. Wall-clock time,
 * since their expiration is answered as an epoch time.
 */
export class SsoTokens {
  private readonly tokens = new Map<string, SsoTokenInfo>();
  private lastSerial = 0;
  private readonly now: () => number;

  constructor(now: () => number = () => Date.now()) {
    this.now = now;
  }

  issue(user: SsoUser, durationMs: number): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { ...user, expirationTime: this.now() + durationMs, serialNumber: ++this.lastSerial });
    return token;
  }

  /** The token's info while it is live; undefined for an unknown or expired token. */
  info(token: string): SsoTokenInfo | undefined {
    const info = this.tokens.get(token);
    if (!info) return undefined;
    if (this.now() >= info.expirationTime) {
      this.tokens.delete(token);
      return undefined;
    }
    return { ...info };
  }
}
