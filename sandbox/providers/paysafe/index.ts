export type { PaysafeAdmin, PaysafeConfigChanges } from './admin';
export {
	BULK_OUTCOMES,
	type BulkOutcome,
	DEFAULT_PAYSAFE_BRAND,
	DEFAULT_PAYSAFE_CLIENT_ID,
	DEFAULT_PAYSAFE_CLIENT_SECRET,
	DEFAULT_PAYSAFE_CONFIG,
	DEFAULT_PAYSAFE_EU_CUSTOMER,
	DEFAULT_PAYSAFE_US_CUSTOMER,
	PAYSAFE_BASE_PATH,
	type PaysafeCardType,
	type PaysafeCustomer,
	type PaysafeProgram,
	type PaysafeRegion,
	type PaysafeSandboxConfig,
} from './config';
export type { PaysafeCounters } from './context';
export { CARD_STATUSES, type BulkStatus, type CardStatus, SANDBOX_BIN } from './bulkStore';
export { DEFAULT_PAYSAFE_PAGE_LIMIT, MAX_PAYSAFE_PAGE_LIMIT } from './paging';
export { signatureOf, TOKEN_SCOPE } from './authRoutes';
export { FAILED_STATUS_REASON } from './views';
export { MAX_CARDS_PER_BULK, MOBILE_PATTERN } from './validation';
export { PaysafeProvider } from './provider';
