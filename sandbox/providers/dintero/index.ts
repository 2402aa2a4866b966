export type { DinteroAdmin, DinteroSeedOptions } from './admin';
export {
	ACCOUNT_ID_PATTERN,
	DEFAULT_DINTERO_CLIENT_ID,
	DEFAULT_DINTERO_CLIENT_SECRET,
	DEFAULT_DINTERO_CONFIG,
	DEFAULT_DINTERO_PRODUCTION_ACCOUNT,
	DEFAULT_DINTERO_TEST_ACCOUNT,
	DINTERO_BASE_PATH,
	type DinteroClient,
	type DinteroSandboxConfig,
	type DuplicateCardIdBehaviour,
} from './config';
export type { DinteroCounters } from './context';
export { DEFAULT_DINTERO_PAGE_LIMIT } from './cardRoutes';
export { CARD_TOKEN_LIFETIME_SECONDS } from './views';
export { MAX_CARDS_PER_BATCH } from './validation';
export { DinteroProvider } from './provider';
