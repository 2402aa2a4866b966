/**
 * What the benchmarks need to know of each provider, in one place: how to order `cards` cards
 * with its node in a real workflow, how many calls a run without 429 makes, and how to tell from
 * the sandbox's counters that every card was created once. `bench/order.ts` and `bench/poll.ts`
 * are the same for every provider; only these profiles differ.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { DinteroApi } from '../credentials/DinteroApi.credentials';
import { NymCardApi } from '../credentials/NymCardApi.credentials';
import { PaysafeApi } from '../credentials/PaysafeApi.credentials';
import { QontoOAuth2Api } from '../credentials/QontoOAuth2Api.credentials';
import { DinteroCards } from '../nodes/DinteroCards/DinteroCards.node';
import { NymCard } from '../nodes/NymCard/NymCard.node';
import { PaysafeCards } from '../nodes/PaysafeCards/PaysafeCards.node';
import { QontoCards } from '../nodes/QontoCards/QontoCards.node';
import { DEFAULT_NYMCARD_API_KEY } from '../sandbox/providers/nymcard';
import {
	DEFAULT_QONTO_CLIENT_ID,
	DEFAULT_QONTO_CLIENT_SECRET,
	DEFAULT_QONTO_STAGING_TOKEN,
} from '../sandbox/providers/qonto';
import { cardRequests } from '../test/helpers/qonto';
import { createParameters as dinteroCreate, dinteroCredential } from '../test/helpers/dintero';
import {
	EU_CUSTOMER,
	createParameters as paysafeCreate,
	paysafeCredential,
} from '../test/helpers/paysafe';
import { CARD_PRODUCT_ID } from '../test/helpers/nymCard';
import type { Sandbox } from '../sandbox/server';
import type { Poller } from '../test/harness/pollRunner';
import { createBulk, nymCardClient, submitBulk } from '../test/sandbox/helpers';
import { apiClient, orderBulk, physicalOrder } from '../test/sandbox/paysafeHelpers';
import { dinteroPoller, nymCardPoller, paysafePoller, qontoPoller } from '../test/trigger/helpers';
import type { BenchSandbox } from './sandboxProcess';

export type ProviderKey = 'nymcard' | 'qonto' | 'paysafe' | 'dintero';

export interface BenchProvider {
	/** The sandbox's provider name (rate limits, faults, counters). */
	key: ProviderKey;
	label: string;
	/** The provider rate limit of the default run, requests per second. */
	defaultLimit: number;
	cardsPerCall: number;
	/** How the order is sent, for the table: e.g. "20 bulks + 20 submits". */
	shape(cards: number): string;
	/** Requests a run that draws no 429 makes (order calls, plus a token or a list read). */
	calls(cards: number): number;
	nodeType: string;
	node(): INodeType;
	credentialName: string;
	credential(
		sandbox: BenchSandbox,
	): Promise<{ type: ICredentialType; data: ICredentialDataDecryptedObject }>;
	parameters(cards: number): INodeParameters;
	inputItems?(cards: number): IDataObject[];
	/** Sandbox settings the order needs besides latency and the rate limit. */
	prepare?(sandbox: BenchSandbox): Promise<void>;
	/** Cards the sandbox holds for the order, once it has processed everything it accepted. */
	cardsAtSandbox(sandbox: BenchSandbox): Promise<{ created: number; duplicates: number }>;
	/** True when every per-call output item says its call did what it should. */
	callSucceeded(json: IDataObject): boolean;
	/** The Bulk Card Trigger's part, where the provider has one. */
	watch?: {
		/** Puts `count` cards at the sandbox; answers the trigger parameters that watch them all. */
		seed(sandbox: BenchSandbox, count: number): Promise<INodeParameters>;
		poller(sandbox: Sandbox, parameters: INodeParameters): Poller;
	};
}

const chunks = (cards: number, perCall: number) => Math.ceil(cards / perCall);
export async function counters(
	sandbox: BenchSandbox,
	key: ProviderKey,
): Promise<Record<string, number>> {
	return (await sandbox.admin<Record<ProviderKey, Record<string, number>>>('GET', '/counters'))[
		key
	];
}
const created = (json: IDataObject) => json.outcome === 'created';
const orderReference = (key: string) => `BENCH-${key.toUpperCase()}-${Date.now()}`;

export const PROVIDERS: Record<ProviderKey, BenchProvider> = {
	nymcard: {
		key: 'nymcard',
		label: 'NymCard',
		defaultLimit: 2,
		cardsPerCall: 5000,
		shape: (cards) => `${chunks(cards, 5000)} bulks + ${chunks(cards, 5000)} submits`,
		calls: (cards) => 2 * chunks(cards, 5000),
		nodeType: 'n8n-nodes-bulk-cards.nymCard',
		node: () => new NymCard(),
		credentialName: 'nymCardApi',
		credential: async (sandbox) => ({
			type: new NymCardApi(),
			data: {
				apiKey: DEFAULT_NYMCARD_API_KEY,
				environment: 'custom',
				baseUrl: `${sandbox.url}/nymcard/v1`,
			},
		}),
		parameters: (cards) => ({
			resource: 'bulkIssuance',
			operation: 'create',
			cardProductId: CARD_PRODUCT_ID,
			numberOfCards: cards,
			orderReference: orderReference('nymcard'),
			submitAfterCreate: true,
		}),
		cardsAtSandbox: async (sandbox) => {
			const { cardsCreated, idempotentReplays } = await counters(sandbox, 'nymcard');
			return { created: cardsCreated, duplicates: idempotentReplays };
		},
		callSucceeded: (json) => created(json) && json.submitted === true,
		watch: {
			seed: async (sandbox, count) => {
				const client = nymCardClient(sandbox as unknown as Sandbox);
				const bulkIds: string[] = [];
				for (let left = count; left > 0; left -= 5000) {
					const bulk = await createBulk(client, { number_of_cards: Math.min(left, 5000) });
					await submitBulk(client, bulk.id);
					bulkIds.push(bulk.id);
				}
				return { nymCardWatch: 'cards', bulkIssuanceIds: bulkIds.join(', ') };
			},
			poller: nymCardPoller,
		},
	},
	qonto: {
		key: 'qonto',
		label: 'Qonto',
		defaultLimit: 20,
		cardsPerCall: 50,
		shape: (cards) => `${chunks(cards, 50)} bulk calls (SCA off)`,
		calls: (cards) => chunks(cards, 50),
		nodeType: 'n8n-nodes-bulk-cards.qontoCards',
		node: () => new QontoCards(),
		credentialName: 'qontoOAuth2Api',
		credential: async (sandbox) => ({
			type: new QontoOAuth2Api(),
			data: {
				environment: 'custom',
				baseUrl: `${sandbox.url}/qonto`,
				authBaseUrl: `${sandbox.url}/qonto`,
				stagingToken: DEFAULT_QONTO_STAGING_TOKEN,
				clientId: DEFAULT_QONTO_CLIENT_ID,
				clientSecret: DEFAULT_QONTO_CLIENT_SECRET,
				oauthTokenData: {
					...(await sandbox.admin<IDataObject>('POST', '/qonto/tokens', {})),
					token_type: 'Bearer',
				} as unknown as IDataObject,
			},
		}),
		parameters: () => ({
			authentication: 'oAuth2',
			resource: 'cardBulk',
			operation: 'create',
			cardsSource: 'inputItems',
			orderReference: orderReference('qonto'),
			waitForApproval: true,
		}),
		inputItems: (cards) => cardRequests(cards),
		// Strong customer authentication off: each call of 50 cards is one request. (With it on, each
		// call is a 428, an approval poll and a replay: three requests, and a person's approval.)
		prepare: async (sandbox) => {
			await sandbox.admin('POST', '/qonto/config', { scaMode: 'off' });
		},
		cardsAtSandbox: async (sandbox) => {
			const { cardsCreated, idempotentReplays } = await counters(sandbox, 'qonto');
			return { created: cardsCreated, duplicates: idempotentReplays };
		},
		callSucceeded: created,
		watch: {
			seed: async (sandbox, count) => {
				await sandbox.admin('POST', '/qonto/cards/seed', { count });
				return {};
			},
			poller: qontoPoller,
		},
	},
	paysafe: {
		key: 'paysafe',
		label: 'Paysafe',
		defaultLimit: 20,
		cardsPerCall: 50,
		shape: (cards) => `${chunks(cards, 50)} bulk orders + token + 1 card list`,
		// The token, the customer's existing cards read once per order (none yet: one page), the bulks.
		calls: (cards) => chunks(cards, 50) + 2,
		nodeType: 'n8n-nodes-bulk-cards.paysafeCards',
		node: () => new PaysafeCards(),
		credentialName: 'paysafeApi',
		credential: async (sandbox) => ({
			type: new PaysafeApi(),
			data: { accessToken: '', ...paysafeCredential(sandbox.url) },
		}),
		// The tests' order: physical EU cards, a plain Number of Cards.
		parameters: (cards) =>
			paysafeCreate({
				numberOfCards: cards,
				orderReference: orderReference('paysafe'),
				userAgent: 'n8n-bench/1.0',
			}),
		// Paysafe creates a bulk's cards on the sandbox clock, after the order was accepted: move the
		// clock past every bulk's completion, then list the customer's cards (which settles them).
		cardsAtSandbox: async (sandbox) => {
			await sandbox.admin('POST', '/clock/advance', { ms: 60 * 60_000 });
			const { cards } = await sandbox.admin<{ cards: IDataObject[] }>(
				'GET',
				`/paysafe/customers/${EU_CUSTOMER}/cards`,
			);
			const distinct = new Set(cards.map((card) => card.externalId)).size;
			const { cardsCreated, duplicateExternalIds } = await counters(sandbox, 'paysafe');
			return {
				created: cardsCreated,
				duplicates: duplicateExternalIds + (cards.length - distinct),
			};
		},
		callSucceeded: (json) => json.outcome === 'created' || json.outcome === 'submitted',
		watch: {
			// The customer's cards: bulk orders of 50 (Paysafe's maximum), then the clock moved on
			// until Paysafe has created them all.
			seed: async (sandbox, count) => {
				const client = await apiClient(sandbox as unknown as Sandbox);
				for (let left = count; left > 0; left -= 50) {
					await orderBulk(client, physicalOrder({ quantity: Math.min(left, 50) }));
				}
				await sandbox.admin('POST', '/clock/advance', { ms: 60 * 60_000 });
				return { paysafeWatch: 'cards', customerId: EU_CUSTOMER };
			},
			poller: paysafePoller,
		},
	},
	dintero: {
		key: 'dintero',
		label: 'Dintero',
		defaultLimit: 20,
		cardsPerCall: 1000,
		// Before each batch the node looks its card ids up (Dintero has no idempotency key; a re-run
		// must find what an earlier run created), in GETs of at most 100 ids each.
		shape: (cards) => `${chunks(cards, 1000)} batches + ${chunks(cards, 100)} id look-ups + token`,
		calls: (cards) => chunks(cards, 1000) + chunks(cards, 100) + 1,
		nodeType: 'n8n-nodes-bulk-cards.dinteroCards',
		node: () => new DinteroCards(),
		credentialName: 'dinteroApi',
		credential: async (sandbox) => ({
			type: new DinteroApi(),
			data: { accessToken: '', ...dinteroCredential(sandbox.url) },
		}),
		parameters: (cards) =>
			dinteroCreate({ numberOfCards: cards, orderReference: orderReference('dintero') }),
		cardsAtSandbox: async (sandbox) => {
			const { cardsCreated, duplicatesRefused } = await counters(sandbox, 'dintero');
			return { created: cardsCreated, duplicates: duplicatesRefused };
		},
		callSucceeded: created,
		watch: {
			seed: async (sandbox, count) => {
				await sandbox.admin('POST', '/dintero/cards/seed', { count, prefix: 'PO-' });
				return { dinteroWatch: 'prefix', watchCardIdPrefix: 'PO-' };
			},
			poller: dinteroPoller,
		},
	},
};

export function providerOf(key: string): BenchProvider {
	const provider = PROVIDERS[key as ProviderKey];
	if (!provider)
		throw new Error(`unknown provider ${key}: one of ${Object.keys(PROVIDERS).join(', ')}`);
	return provider;
}

/** Per-call output: every item is one call; false when any call did not do what it should. */
export function everyCallSucceeded(
	provider: BenchProvider,
	items: INodeExecutionData[],
	cards: number,
): boolean {
	return (
		items.length === chunks(cards, provider.cardsPerCall) &&
		items.every((item) => provider.callSucceeded(item.json))
	);
}
