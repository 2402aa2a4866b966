export type { QontoAdmin, ScaSessionView } from './admin';
export {
	DEFAULT_QONTO_BANK_ACCOUNT_IDS,
	DEFAULT_QONTO_CLIENT_ID,
	DEFAULT_QONTO_CLIENT_SECRET,
	DEFAULT_QONTO_CONFIG,
	DEFAULT_QONTO_LOGIN,
	DEFAULT_QONTO_MEMBERSHIPS,
	DEFAULT_QONTO_ORGANIZATION_ID,
	DEFAULT_QONTO_SECRET_KEY,
	DEFAULT_QONTO_STAGING_TOKEN,
	QONTO_BASE_PATH,
	QONTO_DEMO_ACCESS_TOKEN,
	type QontoSandboxConfig,
} from './config';
export type { QontoCounters } from './context';
export { CARD_STATUSES } from './cardStore';
export { CARD_LEVELS, MAX_CARDS_PER_BULK as MAX_QONTO_CARDS_PER_BULK } from './validation';
export { QontoProvider } from './provider';
