import { randomBytes, randomUUID } from 'crypto';

export interface IssuedToken {
	accessToken: string;
	expiresIn: number;
}

interface TokenRecord {
	accountId: string;
	clientId: string;
	expiresAt: number;
}

export type TokenCheck =
	| { kind: 'valid'; clientId: string }
	| { kind: 'missing' | 'unknown' | 'expired' }
	| { kind: 'otherAccount'; accountId: string };

function base64url(value: unknown): string {
	return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Access tokens shaped like JWTs (header.payload.signature); the sandbox trusts only its own list. */
export class TokenStore {
	private readonly tokens = new Map<string, TokenRecord>();

	issue(
		grant: { accountId: string; clientId: string; audience: string },
		now: number,
		lifetimeSeconds: number,
	): IssuedToken {
		const issuedAt = Math.floor(now / 1000);
		const payload = {
			iss: 'https://sandbox.dintero.invalid',
			sub: grant.clientId,
			aud: grant.audience,
			scope: 'admin:wallets write:wallets read:wallets',
			iat: issuedAt,
			exp: issuedAt + lifetimeSeconds,
			jti: randomUUID(),
		};
		const signature = randomBytes(32).toString('base64url');
		const accessToken = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(payload)}.${signature}`;
		this.tokens.set(accessToken, {
			accountId: grant.accountId,
			clientId: grant.clientId,
			expiresAt: now + lifetimeSeconds * 1000,
		});
		return { accessToken, expiresIn: lifetimeSeconds };
	}

	check(authorization: string | undefined, accountId: string, now: number): TokenCheck {
		const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
		if (match === null) return { kind: 'missing' };
		const token = this.tokens.get(match[1]);
		if (token === undefined) return { kind: 'unknown' };
		if (now >= token.expiresAt) return { kind: 'expired' };
		if (token.accountId !== accountId) return { kind: 'otherAccount', accountId: token.accountId };
		return { kind: 'valid', clientId: token.clientId };
	}

	/** Makes every issued token invalid; returns how many there were. */
	revokeAll(): number {
		const count = this.tokens.size;
		this.tokens.clear();
		return count;
	}
}
