import { SandboxAdminError } from '../../core/adminError';
import { isPlainObject } from '../../core/validation';

export const DINTERO_PROVIDER_NAME = 'dintero';
export const DINTERO_BASE_PATH = '/dintero/v1';
export const DEFAULT_DINTERO_TEST_ACCOUNT = 'T12345678';
export const DEFAULT_DINTERO_PRODUCTION_ACCOUNT = 'P12345678';
export const DEFAULT_DINTERO_CLIENT_ID = 'dintero-sandbox-client';
export const DEFAULT_DINTERO_CLIENT_SECRET = 'dintero-sandbox-secret';
/** The audience Dintero's docs send: the account's URL on the public API host. */
export const DINTERO_AUDIENCE_PREFIX = 'https://api.dintero.com/v1/accounts/';

export const ACCOUNT_ID_PATTERN = /^[PT]\d{8}$/;

/** What the batch call does with a `card_id` the account already has (providers.md unknown 30). */
export type DuplicateCardIdBehaviour = 'rejectBatch' | 'skipExisting';

/** One API client (Backoffice: Settings > API Client); Dintero issues one per account. */
export interface DinteroClient {
	accountId: string;
	clientId: string;
	clientSecret: string;
}

export interface DinteroSandboxConfig {
	clients: DinteroClient[];
	/** `expires_in` of issued tokens; after it the sandbox answers 401 (on the sandbox clock). */
	tokenLifetimeSeconds: number;
	duplicateCardId: DuplicateCardIdBehaviour;
}

export const DEFAULT_DINTERO_CONFIG: Readonly<DinteroSandboxConfig> = Object.freeze({
	clients: [
		{
			accountId: DEFAULT_DINTERO_TEST_ACCOUNT,
			clientId: DEFAULT_DINTERO_CLIENT_ID,
			clientSecret: DEFAULT_DINTERO_CLIENT_SECRET,
		},
		{
			accountId: DEFAULT_DINTERO_PRODUCTION_ACCOUNT,
			clientId: 'dintero-sandbox-production-client',
			clientSecret: 'dintero-sandbox-production-secret',
		},
	],
	// "Access tokens will expire after 4 hours" (getting-started); the examples disagree (unknown 32).
	tokenLifetimeSeconds: 4 * 60 * 60,
	duplicateCardId: 'rejectBatch',
});

type ConfigCheck = (value: unknown) => boolean;

const isNonEmptyText = (value: unknown) => typeof value === 'string' && value.length > 0;

const isClient: ConfigCheck = (value) =>
	isPlainObject(value) &&
	typeof value.accountId === 'string' &&
	ACCOUNT_ID_PATTERN.test(value.accountId) &&
	isNonEmptyText(value.clientId) &&
	isNonEmptyText(value.clientSecret);

const CONFIG_CHECKS: Record<keyof DinteroSandboxConfig, { check: ConfigCheck; expected: string }> =
	{
		clients: {
			check: (value) => Array.isArray(value) && value.length > 0 && value.every(isClient),
			expected:
				'a non-empty array of {accountId (T or P + 8 digits), clientId, clientSecret} objects',
		},
		tokenLifetimeSeconds: {
			check: (value) => typeof value === 'number' && Number.isInteger(value) && value > 0,
			expected: 'a positive integer',
		},
		duplicateCardId: {
			check: (value) => value === 'rejectBatch' || value === 'skipExisting',
			expected: '"rejectBatch" or "skipExisting"',
		},
	};

export function copyDinteroConfig(config: Readonly<DinteroSandboxConfig>): DinteroSandboxConfig {
	return { ...config, clients: config.clients.map((client) => ({ ...client })) };
}

/** `base` with the valid fields of `changes` applied; throws (400) listing every invalid field. */
export function mergeDinteroConfig(
	base: Readonly<DinteroSandboxConfig>,
	changes: unknown,
): DinteroSandboxConfig {
	if (!isPlainObject(changes))
		throw new SandboxAdminError(400, 'Dintero config must be a JSON object');
	const problems = Object.entries(changes)
		.filter(([, value]) => value !== undefined)
		.flatMap(([key, value]) => {
			const rule = CONFIG_CHECKS[key as keyof DinteroSandboxConfig];
			if (rule === undefined) return [`${key} is not a Dintero sandbox setting`];
			return rule.check(value) ? [] : [`${key} must be ${rule.expected}`];
		});
	if (problems.length > 0) throw new SandboxAdminError(400, problems.join('; '));
	return copyDinteroConfig({ ...base, ...changes } as DinteroSandboxConfig);
}

export function knownAccounts(config: Readonly<DinteroSandboxConfig>): Set<string> {
	return new Set(config.clients.map(({ accountId }) => accountId));
}
