export type { NymCardAdmin } from './admin';
export {
	activationToken,
	isLuhnValid,
	NYMCARD_SANDBOX_BIN,
	type CardSecrets,
} from './cardDerivation';
export {
	DEFAULT_NYMCARD_API_KEY,
	DEFAULT_NYMCARD_CARD_PRODUCT_IDS,
	DEFAULT_NYMCARD_CONFIG,
	NYMCARD_BASE_PATH,
	type NymCardSandboxConfig,
} from './config';
export type { NymCardCounters } from './context';
export { MAX_CARDS_PER_BULK } from './validation';
export { NymCardProvider } from './provider';
