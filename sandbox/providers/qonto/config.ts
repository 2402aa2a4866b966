import { SandboxAdminError } from '../../core/adminError';
import { isPlainObject, isUuid } from '../../core/validation';

export const QONTO_PROVIDER_NAME = 'qonto';
/** The API lives under `/qonto/v2/...`, the OAuth server under `/qonto/oauth2/...`. */
export const QONTO_BASE_PATH = '/qonto';

export const DEFAULT_QONTO_LOGIN = 'acme-sandbox-1234';
export const DEFAULT_QONTO_SECRET_KEY = 'qonto-sandbox-secret-key';
export const DEFAULT_QONTO_STAGING_TOKEN = 'qonto-sandbox-staging-token';
export const DEFAULT_QONTO_CLIENT_ID = 'qonto-sandbox-client';
export const DEFAULT_QONTO_CLIENT_SECRET = 'qonto-sandbox-client-secret';
/** The bearer token `--demo` accepts (see `demoAccessTokens`). */
export const QONTO_DEMO_ACCESS_TOKEN = 'qonto-sandbox-demo-access-token';
export const DEFAULT_QONTO_ORGANIZATION_ID = 'd3e5c4a2-7b61-4f0e-9c8d-2a1b3c4d5e6f';

export interface QontoMembership {
	id: string;
	first_name: string;
	last_name: string;
}

export interface QontoApiKey {
	login: string;
	secretKey: string;
}

export interface QontoOAuthClient {
	clientId: string;
	clientSecret: string;
}

export type StagingRefusal = 'html' | 'redirect';
export type ScaMode = 'required' | 'off';
export type IdempotencyMismatch = 'replay' | 'conflict';

export interface QontoSandboxConfig {
	/** `Authorization: login:secret-key` pairs that are accepted. */
	apiKeys: QontoApiKey[];
	/** Accepted `X-Qonto-Staging-Token` values; empty = no staging token needed (production-like). */
	stagingTokens: string[];
	/** How a request without the right staging token is refused: OneLogin HTML (200) or a 302. */
	stagingRefusal: StagingRefusal;
	/**
	 * Whether the OAuth token endpoint also needs the staging token (the real sandbox does; n8n's
	 * built-in OAuth2 code exchange and refresh cannot send it, see sandbox/README.md).
	 */
	stagingTokenOnTokenEndpoint: boolean;
	oauthClients: QontoOAuthClient[];
	/** Allowed `redirect_uri` values; empty = any. */
	redirectUris: string[];
	/** The mocked user's answer on the consent page. */
	oauthConsent: 'allow' | 'deny';
	accessTokenTtlMs: number;
	refreshTokenTtlMs: number;
	/** How long a used refresh token keeps working. */
	refreshGraceMs: number;
	authorizationCodeTtlMs: number;
	organizationId: string;
	/** Card holders (memberships) that may be named in `holder_id`. */
	memberships: QontoMembership[];
	bankAccountIds: string[];
	/** Holders whose cards stay `onhold` (missing KYC). */
	onholdHolderIds: string[];
	/** `required`: bulk creation answers 428 until an SCA session is allowed; `off`: never. */
	scaMode: ScaMode;
	/** When set, a waiting SCA session turns `allow` this long (sandbox time) after it started. */
	scaAutoApproveAfterMs: number | null;
	scaSessionTtlMs: number;
	/** Card levels `standard | plus | metal` go from pending to live after this long. */
	physicalLiveAfterMs: number;
	/** Card levels `virtual | flash | advertising` go from pending to live after this long. */
	virtualLiveAfterMs: number;
	idempotencyRetentionMs: number;
	/** Same idempotency key, different body: Qonto's docs say the first answer is replayed. */
	idempotencyMismatch: IdempotencyMismatch;
	/** `false` plays a plan without bulk creation: `POST /v2/cards/bulk` answers 404 not_found. */
	bulkCreationAvailable: boolean;
	/**
	 * Bearer tokens accepted with `card.read card.write` that never expire and survive a reset: for
	 * the demo and the e2e run, whose n8n credentials are imported once (not Qonto behaviour).
	 */
	demoAccessTokens: string[];
}

export const DEFAULT_QONTO_MEMBERSHIPS: ReadonlyArray<QontoMembership> = [
	{ id: '3c90c3cc-0d44-4b50-8888-8dd25736052a', first_name: 'Dolores', last_name: 'Koulechov' },
	{ id: '7a1e9b42-5c3d-4e8f-a0b1-c2d3e4f5a6b7', first_name: 'Camille', last_name: 'Martin' },
	{ id: 'b2c4d6e8-1a3b-4c5d-8e7f-9a0b1c2d3e4f', first_name: 'Hugo', last_name: 'Bernard' },
];

export const DEFAULT_QONTO_BANK_ACCOUNT_IDS: ReadonlyArray<string> = [
	'9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
	'1b2c3d4e-5f60-4718-9a0b-c1d2e3f4a5b6',
];

export const DEFAULT_QONTO_CONFIG: Readonly<QontoSandboxConfig> = Object.freeze({
	apiKeys: [{ login: DEFAULT_QONTO_LOGIN, secretKey: DEFAULT_QONTO_SECRET_KEY }],
	stagingTokens: [DEFAULT_QONTO_STAGING_TOKEN],
	stagingRefusal: 'html',
	stagingTokenOnTokenEndpoint: true,
	oauthClients: [{ clientId: DEFAULT_QONTO_CLIENT_ID, clientSecret: DEFAULT_QONTO_CLIENT_SECRET }],
	redirectUris: [],
	oauthConsent: 'allow',
	accessTokenTtlMs: 60 * 60 * 1000,
	refreshTokenTtlMs: 90 * 24 * 60 * 60 * 1000,
	refreshGraceMs: 60 * 1000,
	authorizationCodeTtlMs: 10 * 60 * 1000,
	organizationId: DEFAULT_QONTO_ORGANIZATION_ID,
	memberships: DEFAULT_QONTO_MEMBERSHIPS as QontoMembership[],
	bankAccountIds: DEFAULT_QONTO_BANK_ACCOUNT_IDS as string[],
	onholdHolderIds: [],
	scaMode: 'required',
	scaAutoApproveAfterMs: null,
	scaSessionTtlMs: 15 * 60 * 1000,
	physicalLiveAfterMs: 5 * 60 * 1000,
	virtualLiveAfterMs: 30 * 1000,
	idempotencyRetentionMs: 30 * 60 * 1000,
	idempotencyMismatch: 'replay',
	bulkCreationAvailable: true,
	demoAccessTokens: [],
});

type ConfigCheck = (value: unknown) => boolean;

const isDuration: ConfigCheck = (value) =>
	typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isBoolean: ConfigCheck = (value) => typeof value === 'boolean';
const isNonEmptyText = (value: unknown): value is string =>
	typeof value === 'string' && value.length > 0;
const isStringList: ConfigCheck = (value) => Array.isArray(value) && value.every(isNonEmptyText);
const isUuidList: ConfigCheck = (value) => Array.isArray(value) && value.every(isUuid);
const oneOf =
	(...allowed: unknown[]): ConfigCheck =>
	(value) =>
		allowed.includes(value);
const listOf =
	(fields: string[], nonEmpty = true): ConfigCheck =>
	(value) =>
		Array.isArray(value) &&
		(!nonEmpty || value.length > 0) &&
		value.every(
			(entry) => isPlainObject(entry) && fields.every((field) => isNonEmptyText(entry[field])),
		);

const DURATION = 'a non-negative number of milliseconds';

const CONFIG_CHECKS: Record<keyof QontoSandboxConfig, { check: ConfigCheck; expected: string }> = {
	apiKeys: {
		check: listOf(['login', 'secretKey'], false),
		expected: 'an array of {login, secretKey}',
	},
	stagingTokens: { check: isStringList, expected: 'an array of non-empty strings' },
	stagingRefusal: { check: oneOf('html', 'redirect'), expected: '"html" or "redirect"' },
	stagingTokenOnTokenEndpoint: { check: isBoolean, expected: 'true or false' },
	oauthClients: {
		check: listOf(['clientId', 'clientSecret'], false),
		expected: 'an array of {clientId, clientSecret}',
	},
	redirectUris: { check: isStringList, expected: 'an array of URLs' },
	oauthConsent: { check: oneOf('allow', 'deny'), expected: '"allow" or "deny"' },
	accessTokenTtlMs: { check: isDuration, expected: DURATION },
	refreshTokenTtlMs: { check: isDuration, expected: DURATION },
	refreshGraceMs: { check: isDuration, expected: DURATION },
	authorizationCodeTtlMs: { check: isDuration, expected: DURATION },
	organizationId: { check: isUuid, expected: 'a UUID' },
	memberships: {
		check: (value) =>
			listOf(['id', 'first_name', 'last_name'], false)(value) &&
			(value as QontoMembership[]).every(({ id }) => isUuid(id)),
		expected: 'an array of {id (UUID), first_name, last_name}',
	},
	bankAccountIds: { check: isUuidList, expected: 'an array of UUIDs' },
	onholdHolderIds: { check: isUuidList, expected: 'an array of UUIDs' },
	scaMode: { check: oneOf('required', 'off'), expected: '"required" or "off"' },
	scaAutoApproveAfterMs: {
		check: (value) => value === null || isDuration(value),
		expected: `null or ${DURATION}`,
	},
	scaSessionTtlMs: { check: isDuration, expected: DURATION },
	physicalLiveAfterMs: { check: isDuration, expected: DURATION },
	virtualLiveAfterMs: { check: isDuration, expected: DURATION },
	idempotencyRetentionMs: { check: isDuration, expected: DURATION },
	idempotencyMismatch: { check: oneOf('replay', 'conflict'), expected: '"replay" or "conflict"' },
	bulkCreationAvailable: { check: isBoolean, expected: 'true or false' },
	demoAccessTokens: {
		check: (value) =>
			Array.isArray(value) && value.every((token) => typeof token === 'string' && token !== ''),
		expected: 'an array of non-empty strings',
	},
};

export function copyQontoConfig(config: Readonly<QontoSandboxConfig>): QontoSandboxConfig {
	return {
		...config,
		apiKeys: config.apiKeys.map((key) => ({ ...key })),
		stagingTokens: [...config.stagingTokens],
		oauthClients: config.oauthClients.map((client) => ({ ...client })),
		redirectUris: [...config.redirectUris],
		memberships: config.memberships.map((membership) => ({ ...membership })),
		bankAccountIds: [...config.bankAccountIds],
		onholdHolderIds: [...config.onholdHolderIds],
		demoAccessTokens: [...config.demoAccessTokens],
	};
}

/** `base` with the valid fields of `changes` applied; throws (400) listing every invalid field. */
export function mergeQontoConfig(
	base: Readonly<QontoSandboxConfig>,
	changes: unknown,
): QontoSandboxConfig {
	if (!isPlainObject(changes))
		throw new SandboxAdminError(400, 'Qonto config must be a JSON object');
	const problems = Object.entries(changes)
		.filter(([, value]) => value !== undefined)
		.flatMap(([key, value]) => {
			const rule = CONFIG_CHECKS[key as keyof QontoSandboxConfig];
			if (rule === undefined) return [`${key} is not a Qonto sandbox setting`];
			return rule.check(value) ? [] : [`${key} must be ${rule.expected}`];
		});
	if (problems.length > 0) throw new SandboxAdminError(400, problems.join('; '));
	const merged = copyQontoConfig({ ...base, ...changes } as QontoSandboxConfig);
	merged.memberships = merged.memberships.map((m) => ({ ...m, id: m.id.toLowerCase() }));
	merged.bankAccountIds = merged.bankAccountIds.map((id) => id.toLowerCase());
	merged.onholdHolderIds = merged.onholdHolderIds.map((id) => id.toLowerCase());
	return merged;
}
