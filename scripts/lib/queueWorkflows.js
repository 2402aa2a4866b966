'use strict';
// The workflows of the queue-mode test (scripts/queue.js): for each provider, the flow a team puts
// behind its ordering form — Webhook (an order: reference and cards) → the provider's bulk-order
// create → its Get Status, the status answering the call. One table of what differs per provider;
// the workflow around it is built the same for all.

const crypto = require('node:crypto');

const { SANDBOX_CREDENTIAL_IDS } = require('./sandbox');

const PACKAGE = 'n8n-nodes-bulk-cards';

/** Qonto's card fields for one virtual card of the order (the holder and account of the sandbox's demo company). */
const qontoCard = () => ({
	card_level: 'virtual',
	holder_id: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
	bank_account_id: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
	payment_monthly_limit: 500,
});

/**
 * Per provider: its node type and credential, the create and Get Status parameters (reading the
 * webhook's body: `orderReference`, `cards`), the body of one order of `cards` cards, and the
 * sandbox counters that count the cards it created.
 */
const PROVIDERS = {
	nymcard: {
		label: 'NymCard',
		nodeType: `${PACKAGE}.nymCard`,
		credential: { nymCardApi: { id: SANDBOX_CREDENTIAL_IDS.nymCardApi, name: 'NymCard sandbox' } },
		create: {
			resource: 'bulkIssuance',
			operation: 'create',
			cardProductId: 'f4947edd-0dc1-4d60-af5a-f0dcb01d141c',
			numberOfCards: '={{ $json.body.cards }}',
			orderReference: '={{ $json.body.orderReference }}',
			currency: 'USD',
			submitAfterCreate: true,
			options: {},
		},
		status: { resource: 'bulkIssuance', operation: 'getStatus', bulkIssuanceId: '={{ $json.bulkIssuanceId ?? $json.bulkId }}', options: {} },
		order: (orderReference, cards) => ({ orderReference, cards }),
		cardsCreated: (c) => c.cardsCreated,
	},
	qonto: {
		label: 'Qonto',
		nodeType: `${PACKAGE}.qontoCards`,
		// Creating cards takes OAuth2 (Qonto asks for strong customer authentication); the sandbox
		// credential holds the sandbox's demo token.
		credential: { qontoOAuth2Api: { id: SANDBOX_CREDENTIAL_IDS.qontoOAuth2Api, name: 'Qonto sandbox (OAuth2)' } },
		create: {
			authentication: 'oAuth2',
			resource: 'cardBulk',
			operation: 'create',
			cardsSource: 'json',
			cardsJson: '={{ JSON.stringify($json.body.cards) }}',
			orderReference: '={{ $json.body.orderReference }}',
			waitForApproval: true,
			options: {},
		},
		status: { authentication: 'oAuth2', resource: 'cardBulk', operation: 'getStatus', cardIds: '={{ $json.cardIds }}', orderReference: '={{ $json.orderReference }}', options: {} },
		order: (orderReference, cards) => ({ orderReference, cards: Array.from({ length: cards }, qontoCard) }),
		cardsCreated: (c) => c.cardsCreated,
	},
	paysafe: {
		label: 'Paysafe',
		nodeType: `${PACKAGE}.paysafeCards`,
		credential: { paysafeApi: { id: SANDBOX_CREDENTIAL_IDS.paysafeApi, name: 'Paysafe sandbox' } },
		create: {
			resource: 'bulkOrder',
			operation: 'create',
			customerId: '1231122232',
			programName: 'PHYSICAL-MC-EEA',
			cardType: 'PHYSICAL',
			currency: 'EUR',
			deliveryAddress: { address1: 'Tsarigradsko Shose 73', city: 'Sofia', countryCode: 'BG', postalCode: '1000' },
			cardsSource: 'quantity',
			numberOfCards: '={{ $json.body.cards }}',
			orderReference: '={{ $json.body.orderReference }}',
			userAgent: 'n8n-nodes-bulk-cards queue test',
			options: {},
		},
		status: {
			resource: 'bulkOrder',
			operation: 'getStatus',
			customerId: '={{ $json.customerId }}',
			bulkId: '={{ $json.bulkId }}',
			numberOfCards: '={{ $json.size ?? $json.requested }}',
			orderReference: '={{ $json.orderReference }}',
			options: {},
		},
		order: (orderReference, cards) => ({ orderReference, cards }),
		// A repeat that finds all its cards listed orders nothing and so has no bulk to ask about:
		// its Create item (alreadyExisted) is the answer.
		statusOnlyWith: 'bulkId',
		// Paysafe creates a bulk's cards when it processes the bulk: count what it accepted.
		cardsCreated: (c) => c.cardsRequested,
	},
	dintero: {
		label: 'Dintero',
		nodeType: `${PACKAGE}.dinteroCards`,
		credential: { dinteroApi: { id: SANDBOX_CREDENTIAL_IDS.dinteroApi, name: 'Dintero sandbox' } },
		create: {
			resource: 'cardBatch',
			operation: 'create',
			cardsSource: 'quantity',
			numberOfCards: '={{ $json.body.cards }}',
			orderReference: '={{ $json.body.orderReference }}',
			cardType: 'gift_card',
			options: {},
		},
		status: {
			resource: 'cardBatch',
			operation: 'getStatus',
			findBy: 'orderReference',
			orderReference: '={{ $json.orderReference }}',
			numberOfCards: '={{ $("Order received").item.json.body.cards }}',
			options: {},
		},
		order: (orderReference, cards) => ({ orderReference, cards }),
		cardsCreated: (c) => c.cardsCreated,
	},
};

/** A stable UUID from a name (workflows and nodes keep their ids across runs). */
function uuidFrom(name) {
	const h = crypto.createHash('sha1').update(name).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The webhook path of a provider's order workflow. */
const webhookPath = (provider) => `queue-test-order-${provider}`;

/**
 * The order workflow of `provider` (import:workflow format): Webhook → create → Get Status, the
 * Webhook answering with the last node's first item (the status). Where Get Status needs a field
 * that Create gives only when it ordered something (`statusOnlyWith`), an If sends the other items
 * past it.
 */
function orderWorkflow(provider) {
	const p = PROVIDERS[provider];
	const id = `queueOrder${p.label}`;
	const node = (name, type, typeVersion, position, parameters, extra = {}) => ({ id: uuidFrom(`${id}/${name}`), name, type, typeVersion, position, parameters, ...extra });
	const to = (name) => ({ main: [[{ node: name, type: 'main', index: 0 }]] });
	const nodes = [
		node('Order received', 'n8n-nodes-base.webhook', 2, [0, 0], { httpMethod: 'POST', path: webhookPath(provider), responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} }, { webhookId: uuidFrom(`${id}/webhook`) }),
		node('Order the cards', p.nodeType, 1, [220, 0], p.create, { credentials: p.credential }),
		node('Check status', p.nodeType, 1, [660, 0], p.status, { credentials: p.credential }),
	];
	const connections = { 'Order received': to('Order the cards'), 'Order the cards': to('Check status') };
	if (p.statusOnlyWith) {
		const condition = { id: uuidFrom(`${id}/condition`), leftValue: `={{ Boolean($json.${p.statusOnlyWith}) }}`, rightValue: '', operator: { type: 'boolean', operation: 'true', singleValue: true } };
		const options = { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 };
		nodes.push(node('Ordered in this run?', 'n8n-nodes-base.if', 2.2, [440, 0], { conditions: { options, conditions: [condition], combinator: 'and' }, options: {} }));
		nodes.push(node('Already ordered', 'n8n-nodes-base.noOp', 1, [660, 200], {}));
		connections['Order the cards'] = to('Ordered in this run?');
		connections['Ordered in this run?'] = { main: [[{ node: 'Check status', type: 'main', index: 0 }], [{ node: 'Already ordered', type: 'main', index: 0 }]] };
	}
	return { id, name: `Queue test: ${p.label} order from a webhook`, active: false, settings: { executionOrder: 'v1' }, connections, nodes };
}

module.exports = { QUEUE_PROVIDERS: PROVIDERS, orderWorkflow, webhookPath };
