import { randomBytes } from 'crypto';

interface TokenRecord {
	brand: string;
	expiresAt: number;
}

export type TokenCheck = 'valid' | 'missing' | 'unknown' | 'expired';

/** Opaque access tokens; only the sandbox's own list is trusted. */
export class TokenStore {
	private readonly tokens = new Map<string, TokenRecord>();

	issue(brand: string, now: number, lifetimeSeconds: number): string {
		const accessToken = randomBytes(32).toString('base64url');
		this.tokens.set(accessToken, { brand, expiresAt: now + lifetimeSeconds * 1000 });
		return accessToken;
	}

	check(token: string | undefined, now: number): TokenCheck {
		if (token === undefined) return 'missing';
		const record = this.tokens.get(token);
		if (record === undefined) return 'unknown';
		return now >= record.expiresAt ? 'expired' : 'valid';
	}

	/** Forgets every issued token (they become unknown); returns how many there were. */
	revokeAll(): number {
		const count = this.tokens.size;
		this.tokens.clear();
		return count;
	}

	/** Makes every issued token expire now (they stay known, as expired); returns how many were live. */
	expireAll(now: number): number {
		let count = 0;
		for (const record of this.tokens.values()) {
			if (record.expiresAt > now) count += 1;
			record.expiresAt = Math.min(record.expiresAt, now);
		}
		return count;
	}
}
