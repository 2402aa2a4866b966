import { SandboxAdminError } from '../../core/adminError';
import { isPlainObject } from '../../core/validation';

export const PAYSAFE_PROVIDER_NAME = 'paysafe';
/** Production is `https://api.paysafe.com/digitalwallets/v1`; the sandbox host is not documented. */
export const PAYSAFE_BASE_PATH = '/paysafe/digitalwallets/v1';
export const DEFAULT_PAYSAFE_BRAND = 'paysafe-sandbox-brand';
export const DEFAULT_PAYSAFE_CLIENT_ID = 'paysafe-sandbox-client';
export const DEFAULT_PAYSAFE_CLIENT_SECRET = 'paysafe-sandbox-secret';
export const DEFAULT_PAYSAFE_EU_CUSTOMER = '1231122232';
export const DEFAULT_PAYSAFE_US_CUSTOMER = '2000000001';

/** US customers follow other rules (state, postal code, no PIN in the order). */
export type PaysafeRegion = 'EU' | 'US';
export type PaysafeCardType = 'PHYSICAL' | 'VIRTUAL';
export type BulkOutcome = 'complete' | 'partial' | 'fail';
export const BULK_OUTCOMES: ReadonlyArray<BulkOutcome> = ['complete', 'partial', 'fail'];

export interface PaysafeCustomer {
	customerId: string;
	region: PaysafeRegion;
	/** ISO 3166 alpha-2. */
	countryCode: string;
}

export interface PaysafeProgram {
	name: string;
	cardType: PaysafeCardType;
	currency: string;
}

export interface PaysafeSandboxConfig {
	brand: string;
	clientId: string;
	clientSecret: string;
	/** `expires_in` of issued tokens (the docs' example: 36000); then 401 on the sandbox clock. */
	tokenLifetimeSeconds: number;
	/** When set, bulk orders need `Signature: base64(HMAC-SHA256(hmacKey, raw body))`. */
	hmacKey?: string;
	customers: PaysafeCustomer[];
	programs: PaysafeProgram[];
	/** A bulk is PENDING this long after acceptance, then PROCESSING. */
	processingAfterMs: number;
	/** A bulk reaches its outcome (COMPLETED or FAILED) this long after acceptance. */
	completeAfterMs: number;
	/** The outcome of a bulk when the admin queue is empty. */
	defaultOutcome: BulkOutcome;
	/** How many cards a `partial` bulk leaves out (kept between 1 and quantity − 1). */
	partialShortfall: number;
}

const DEFAULTS: PaysafeSandboxConfig = {
	brand: DEFAULT_PAYSAFE_BRAND,
	clientId: DEFAULT_PAYSAFE_CLIENT_ID,
	clientSecret: DEFAULT_PAYSAFE_CLIENT_SECRET,
	tokenLifetimeSeconds: 36000,
	hmacKey: undefined,
	customers: [
		{ customerId: DEFAULT_PAYSAFE_EU_CUSTOMER, region: 'EU', countryCode: 'BG' },
		{ customerId: DEFAULT_PAYSAFE_US_CUSTOMER, region: 'US', countryCode: 'US' },
	],
	programs: [
		{ name: 'PHYSICAL-MC-EEA', cardType: 'PHYSICAL', currency: 'EUR' },
		{ name: 'VIRTUAL-MC-EEA', cardType: 'VIRTUAL', currency: 'EUR' },
		{ name: 'PHYSICAL-MC-US', cardType: 'PHYSICAL', currency: 'USD' },
		{ name: 'VIRTUAL-MC-US', cardType: 'VIRTUAL', currency: 'USD' },
	],
	processingAfterMs: 1000,
	completeAfterMs: 3000,
	defaultOutcome: 'complete',
	partialShortfall: 1,
};

export const DEFAULT_PAYSAFE_CONFIG: Readonly<PaysafeSandboxConfig> = Object.freeze(DEFAULTS);

type ConfigCheck = (value: unknown) => boolean;

const isNonEmptyText: ConfigCheck = (value) => typeof value === 'string' && value.length > 0;
const isPositiveInteger: ConfigCheck = (value) =>
	typeof value === 'number' && Number.isInteger(value) && value > 0;
const isNonNegativeInteger: ConfigCheck = (value) =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0;

const isCustomer: ConfigCheck = (value) =>
	isPlainObject(value) &&
	isNonEmptyText(value.customerId) &&
	(value.region === 'EU' || value.region === 'US') &&
	typeof value.countryCode === 'string' &&
	/^[A-Z]{2}$/.test(value.countryCode);

const isProgram: ConfigCheck = (value) =>
	isPlainObject(value) &&
	isNonEmptyText(value.name) &&
	(value.cardType === 'PHYSICAL' || value.cardType === 'VIRTUAL') &&
	typeof value.currency === 'string' &&
	/^[A-Z]{3}$/.test(value.currency);

const CONFIG_CHECKS: Record<keyof PaysafeSandboxConfig, { check: ConfigCheck; expected: string }> =
	{
		brand: { check: isNonEmptyText, expected: 'a non-empty string' },
		clientId: { check: isNonEmptyText, expected: 'a non-empty string' },
		clientSecret: { check: isNonEmptyText, expected: 'a non-empty string' },
		tokenLifetimeSeconds: { check: isPositiveInteger, expected: 'a positive integer' },
		hmacKey: {
			check: (value) => value === null || isNonEmptyText(value),
			expected: 'a non-empty string, or null to stop checking signatures',
		},
		customers: {
			check: (value) => Array.isArray(value) && value.every(isCustomer),
			expected: 'an array of {customerId, region ("EU" or "US"), countryCode (2 letters)}',
		},
		programs: {
			check: (value) => Array.isArray(value) && value.every(isProgram),
			expected: 'an array of {name, cardType ("PHYSICAL" or "VIRTUAL"), currency (3 letters)}',
		},
		processingAfterMs: { check: isNonNegativeInteger, expected: 'a non-negative integer' },
		completeAfterMs: { check: isNonNegativeInteger, expected: 'a non-negative integer' },
		defaultOutcome: {
			check: (value) => BULK_OUTCOMES.includes(value as BulkOutcome),
			expected: `one of ${BULK_OUTCOMES.join(', ')}`,
		},
		partialShortfall: { check: isPositiveInteger, expected: 'a positive integer' },
	};

export function copyPaysafeConfig(config: Readonly<PaysafeSandboxConfig>): PaysafeSandboxConfig {
	return {
		...config,
		customers: config.customers.map((customer) => ({ ...customer })),
		programs: config.programs.map((program) => ({ ...program })),
	};
}

/** `base` with the valid fields of `changes` applied; throws (400) listing every invalid field. */
export function mergePaysafeConfig(
	base: Readonly<PaysafeSandboxConfig>,
	changes: unknown,
): PaysafeSandboxConfig {
	if (!isPlainObject(changes))
		throw new SandboxAdminError(400, 'Paysafe config must be a JSON object');
	const problems = Object.entries(changes)
		.filter(([, value]) => value !== undefined)
		.flatMap(([key, value]) => {
			const rule = CONFIG_CHECKS[key as keyof PaysafeSandboxConfig];
			if (rule === undefined) return [`${key} is not a Paysafe sandbox setting`];
			return rule.check(value) ? [] : [`${key} must be ${rule.expected}`];
		});
	const merged = { ...base, ...changes } as PaysafeSandboxConfig;
	if (merged.completeAfterMs < merged.processingAfterMs) {
		problems.push('completeAfterMs must not be less than processingAfterMs');
	}
	if (problems.length > 0) throw new SandboxAdminError(400, problems.join('; '));
	// `null` switches the signature check off (JSON has no `undefined`).
	if (merged.hmacKey === null) merged.hmacKey = undefined;
	return copyPaysafeConfig(merged);
}

export function findCustomer(
	config: Readonly<PaysafeSandboxConfig>,
	customerId: string,
): PaysafeCustomer | undefined {
	return config.customers.find((customer) => customer.customerId === customerId);
}

export function findProgram(
	config: Readonly<PaysafeSandboxConfig>,
	name: string,
): PaysafeProgram | undefined {
	return config.programs.find((program) => program.name === name);
}
