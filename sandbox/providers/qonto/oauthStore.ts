import { randomBytes } from 'crypto';

import type { QontoSandboxConfig } from './config';

interface AuthorizationCode {
	clientId: string;
	redirectUri: string;
	scopes: string[];
	expiresAt: number;
	used: boolean;
}

export interface AccessTokenRecord {
	clientId: string;
	scopes: string[];
	expiresAt: number;
}

interface RefreshTokenRecord {
	clientId: string;
	scopes: string[];
	expiresAt: number;
	/** When it was exchanged for a new pair; it keeps working for the grace period. */
	usedAt: number | null;
}

export interface TokenPair {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	refresh_token?: string;
	scope: string;
}

type Timing = Pick<
	QontoSandboxConfig,
	'accessTokenTtlMs' | 'refreshTokenTtlMs' | 'refreshGraceMs' | 'authorizationCodeTtlMs'
>;

function opaque(prefix: string): string {
	return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

/** Authorization codes, access tokens and refresh tokens of the sandbox's OAuth server. */
export class OAuthStore {
	private readonly codes = new Map<string, AuthorizationCode>();
	private readonly accessTokens = new Map<string, AccessTokenRecord>();
	private readonly refreshTokens = new Map<string, RefreshTokenRecord>();

	issueCode(
		clientId: string,
		redirectUri: string,
		scopes: string[],
		now: number,
		timing: Timing,
	): string {
		const code = opaque('qonto_sandbox_code');
		this.codes.set(code, {
			clientId,
			redirectUri,
			scopes,
			expiresAt: now + timing.authorizationCodeTtlMs,
			used: false,
		});
		return code;
	}

	/** The code's grant, used up; `undefined` when unknown, expired, used or not this client's. */
	redeemCode(code: string, clientId: string, now: number): AuthorizationCode | undefined {
		const stored = this.codes.get(code);
		if (stored === undefined || stored.used || stored.clientId !== clientId) return undefined;
		if (now >= stored.expiresAt) return undefined;
		stored.used = true;
		return stored;
	}

	issueTokens(clientId: string, scopes: string[], now: number, timing: Timing): TokenPair {
		const accessToken = opaque('qonto_sandbox_at');
		this.accessTokens.set(accessToken, {
			clientId,
			scopes,
			expiresAt: now + timing.accessTokenTtlMs,
		});
		const pair: TokenPair = {
			access_token: accessToken,
			token_type: 'bearer',
			expires_in: Math.round(timing.accessTokenTtlMs / 1000),
			scope: scopes.join(' '),
		};
		if (scopes.includes('offline_access')) {
			const refreshToken = opaque('qonto_sandbox_rt');
			this.refreshTokens.set(refreshToken, {
				clientId,
				scopes,
				expiresAt: now + timing.refreshTokenTtlMs,
				usedAt: null,
			});
			pair.refresh_token = refreshToken;
		}
		return pair;
	}

	/** A new pair for a valid refresh token (a used one still works during the grace period). */
	refresh(
		refreshToken: string,
		clientId: string,
		now: number,
		timing: Timing,
	): TokenPair | undefined {
		const stored = this.refreshTokens.get(refreshToken);
		if (stored === undefined || stored.clientId !== clientId || now >= stored.expiresAt)
			return undefined;
		if (stored.usedAt !== null && now - stored.usedAt >= timing.refreshGraceMs) return undefined;
		stored.usedAt ??= now;
		return this.issueTokens(clientId, stored.scopes, now, timing);
	}

	accessToken(token: string, now: number): AccessTokenRecord | undefined {
		const stored = this.accessTokens.get(token);
		return stored !== undefined && now < stored.expiresAt ? stored : undefined;
	}

	clear(): void {
		this.codes.clear();
		this.accessTokens.clear();
		this.refreshTokens.clear();
	}
}
