import { SandboxAdminError } from '../../core/adminError';
import { isPlainObject, isUuid } from '../../core/validation';

export const NYMCARD_PROVIDER_NAME = 'nymcard';
export const NYMCARD_BASE_PATH = '/nymcard/v1';
export const DEFAULT_NYMCARD_API_KEY = 'nymcard-sandbox-key';
/** The card product of NymCard's own bulk-issuance example, plus two more. */
export const DEFAULT_NYMCARD_CARD_PRODUCT_IDS = [
	'f4947edd-0dc1-4d60-af5a-f0dcb01d141c',
	'3b9a7c52-8e41-4d0f-9a6b-21c4e5f7d803',
	'a6e0d1f4-27b3-4c8e-b5d9-6f1a2c3e4b57',
];

export interface NymCardSandboxConfig {
	/** Accepted values of the `apikey` header. */
	apiKeys: string[];
	/** Card products a bulk issuance may name. */
	cardProductIds: string[];
	/** Time from SUBMITTED to PROCESSING (fulfillment "Ordered"). */
	processingAfterMs: number;
	/** Time from PROCESSING to COMPLETED (fulfillment "Shipped"), or to FAILED for `failBulkIds`. */
	completedAfterMs: number;
	/** Bulks that end FAILED instead of COMPLETED. */
	failBulkIds: string[];
	/** How long an `x-nymos-idempotency-key` is remembered (sandbox time). */
	idempotencyRetentionMs: number;
	/**
	 * Whether a create without `shipping_address` is refused (400, field error). NymCard's guide asks
	 * for an address in prose but its example omits it; this plays the tenant that insists.
	 */
	requireShippingAddress: boolean;
}

export const DEFAULT_NYMCARD_CONFIG: Readonly<NymCardSandboxConfig> = Object.freeze({
	apiKeys: [DEFAULT_NYMCARD_API_KEY],
	cardProductIds: DEFAULT_NYMCARD_CARD_PRODUCT_IDS,
	processingAfterMs: 30_000,
	completedAfterMs: 120_000,
	failBulkIds: [],
	idempotencyRetentionMs: 24 * 60 * 60 * 1000,
	requireShippingAddress: false,
});

type ConfigCheck = (value: unknown) => boolean;

const isDuration: ConfigCheck = (value) =>
	typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isStringList: ConfigCheck = (value) =>
	Array.isArray(value) && value.every((entry) => typeof entry === 'string' && entry.length > 0);

const CONFIG_CHECKS: Record<keyof NymCardSandboxConfig, { check: ConfigCheck; expected: string }> =
	{
		apiKeys: {
			check: (value) => isStringList(value) && (value as string[]).length > 0,
			expected: 'a non-empty array of non-empty strings',
		},
		cardProductIds: {
			check: (value) => Array.isArray(value) && value.every(isUuid),
			expected: 'an array of UUIDs',
		},
		processingAfterMs: { check: isDuration, expected: 'a non-negative number of milliseconds' },
		completedAfterMs: { check: isDuration, expected: 'a non-negative number of milliseconds' },
		failBulkIds: { check: isStringList, expected: 'an array of bulk ids' },
		idempotencyRetentionMs: {
			check: isDuration,
			expected: 'a non-negative number of milliseconds',
		},
		requireShippingAddress: {
			check: (value) => typeof value === 'boolean',
			expected: 'true or false',
		},
	};

export function copyNymCardConfig(config: Readonly<NymCardSandboxConfig>): NymCardSandboxConfig {
	return {
		...config,
		apiKeys: [...config.apiKeys],
		cardProductIds: [...config.cardProductIds],
		failBulkIds: [...config.failBulkIds],
	};
}

/** `base` with the valid fields of `changes` applied; throws (400) listing every invalid field. */
export function mergeNymCardConfig(
	base: Readonly<NymCardSandboxConfig>,
	changes: unknown,
): NymCardSandboxConfig {
	if (!isPlainObject(changes))
		throw new SandboxAdminError(400, 'NymCard config must be a JSON object');
	const problems = Object.entries(changes)
		.filter(([, value]) => value !== undefined)
		.flatMap(([key, value]) => {
			const rule = CONFIG_CHECKS[key as keyof NymCardSandboxConfig];
			if (rule === undefined) return [`${key} is not a NymCard sandbox setting`];
			return rule.check(value) ? [] : [`${key} must be ${rule.expected}`];
		});
	if (problems.length > 0) throw new SandboxAdminError(400, problems.join('; '));
	const merged = copyNymCardConfig({ ...base, ...changes } as NymCardSandboxConfig);
	merged.cardProductIds = merged.cardProductIds.map((id) => id.toLowerCase());
	merged.failBulkIds = merged.failBulkIds.map((id) => id.toLowerCase());
	return merged;
}
