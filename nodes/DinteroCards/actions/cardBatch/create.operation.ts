import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	bulkOrderOptions,
	derivedIdsOrderProperties,
	readCards,
	runBulkOrder,
	type BulkCreateSpec,
	type CardAnswer,
	type ChunkResult,
} from '../../../shared/bulkOrder';
import { compact } from '../../../shared/compact';
import type { PairedItems } from '../../../shared/items';
import { readRecords } from '../../../shared/records';
import type { ProviderRequestError } from '../../../shared/request';
import type { ProviderSession } from '../../../shared/session';
import type { ValidationReport } from '../../../shared/validation';
import {
	cardIdPrefixProperty,
	cardTypeProperty,
	checkDinteroCard,
	pinFormatProperty,
	readCardIdPrefix,
	readCardType,
	readFormat,
	reportRepeatedCardIds,
	tokenFormatProperty,
	type CardType,
} from '../../helpers/batchFields';
import { DINTERO, findCards } from '../../transport';

const properties: INodeProperties[] = [
	...derivedIdsOrderProperties({
		providerLabel: 'Dintero',
		maxCardsPerCall: DINTERO.maxCardsPerBatch,
		calls: 'batch calls',
		cardId: 'card ID',
		exampleCard: { card_id: 'GIFT-2026-0001', type: 'gift_card' },
	}),
	cardTypeProperty,
	cardIdPrefixProperty,
	pinFormatProperty,
	tokenFormatProperty,
	{
		displayName:
			'Dintero creates the cards inactive when this call is accepted (there is no separate submit); activate each card with Card → Activate when it is sold. The PIN and card token of each card are in this output only: Dintero never shows them again, so store them safely.',
		name: 'submitNotice',
		type: 'notice',
		default: '',
	},
	bulkOrderOptions({
		perCallName: 'One Item per Dintero Call',
		perCallDescription: `One item per batch call of at most ${DINTERO.maxCardsPerBatch} cards, listing its cards with their PIN and card token`,
		perCardDescription:
			'One item per card with its card ID, PIN and card token, paired to the input item it came from',
		repeatedIdsRefused: { providerLabel: 'Dintero', cardId: 'card ID' },
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['cardBatch'], operation: ['create'] } },
	properties,
);

/** Dintero's refusal of a batch with a card_id it already has (the sandbox's reading of unknown 30 in providers.md). */
function isDuplicateCardIdRefusal(failure: ProviderRequestError): boolean {
	const body = failure.failure.kind === 'http' ? failure.failure.body : undefined;
	return (body as { error?: { code?: unknown } } | undefined)?.error?.code === 'duplicate_card_id';
}

export interface DinteroOrder {
	cardType: CardType;
	cardIdPrefix: string;
	/** `options.pin` / `options.card_token`, each with its required `format`; only what is set. */
	options?: IDataObject;
}

export const cardBatchCreate: BulkCreateSpec<DinteroOrder> = {
	purpose: 'cardBatch.create',
	maxCardsPerCall: DINTERO.maxCardsPerBatch,
	// Dintero documents no idempotency header; the batch call is synchronous, so a lookup of the
	// card ids proves which cards exist: after a lost answer the engine looks them up again and
	// sends only the missing ones.
	idempotency: {
		kind: 'derivedIds',
		idPrefix: (order) => order.cardIdPrefix,
		ownId: (card) => (typeof card.card_id === 'string' ? card.card_id : undefined),
		lookup: async (session, _order, ids) =>
			new Set(
				(
					await findCards(session, ids, `look up ${ids.length} card ID(s) before creating them`)
				).map((card) => card.card_id as string),
			),
		asynchronous: false,
		refusesRepeatedIds: isDuplicateCardIdRefusal,
	},
	readOrder,
	describeCall: (chunk, count) => `create card batch ${chunk.index + 1} of ${count}`,
	buildRequest: (order, _chunk, cardIds = [], cards) => ({
		method: 'POST',
		path: '/wallets/cards/batch',
		body: compact({
			cards: cardIds.map((cardId, position) => ({
				card_id: cardId,
				type: (cards?.[position]?.fields.type as CardType | undefined) ?? order.cardType,
			})),
			options: order.options,
		}),
	}),
	readResponse: (_order, _chunk, response, request) => {
		const answered = new Map(
			readRecords(response.body, 'cards').map((card) => [String(card.card_id), card]),
		);
		return {
			outcome: 'created',
			cards: readRecords(request.body, 'cards').map((sent): CardAnswer => {
				const card = answered.get(String(sent.card_id));
				if (card) return { outcome: 'created', fields: createdCard(card) };
				return {
					outcome: 'unknown',
					fields: { card_id: sent.card_id },
					error: {
						message:
							'Dintero answered the batch without this card: look it up (Card → Get) before creating it again',
					},
				};
			}),
		};
	},
	adviceFor: (failure) => {
		if (isDuplicateCardIdRefusal(failure))
			return 'Dintero already has some of these card IDs, although they were not found just before sending: another workflow or person is creating the same order right now, or the IDs belong to other cards. Run the order again to create only the missing cards; for a different order use another Order Reference or Card ID Prefix.';
		return undefined;
	},
	listCards: async (session, _order, result) =>
		await findCards(session, result.cardIds ?? [], 'read the created cards'),
	chunkFields: (_order, result) => chunkFields(result),
	cardFields: (_order, _result, card) => ({
		...existingCard(card),
		pinAndTokenShown: false,
	}),
};

export async function execute(
	this: IExecuteFunctions,
	_itemIndex: number,
	session: ProviderSession,
): Promise<PairedItems> {
	return await runBulkOrder(session, cardBatchCreate);
}

function readOrder(session: ProviderSession, report: ValidationReport) {
	const cardType = readCardType(report, 'Card Type', session.parameter('cardType', 'gift_card'));
	const cardIdPrefix = readCardIdPrefix(report, session.parameter('cardIdPrefix', ''));
	const pin = readFormat(report, 'PIN Format', session.parameter<IDataObject>('pinFormat', {}), 4);
	const token = readFormat(
		report,
		'Card Token Format',
		session.parameter<IDataObject>('tokenFormat', {}),
		6,
	);
	const options = compact({
		pin: pin ? { format: pin } : undefined,
		card_token: token ? { format: token } : undefined,
	});
	const { source, cards } = readCards(session, report, checkDinteroCard);
	reportRepeatedCardIds(
		report,
		cards.map((card) => card.fields.card_id as string | undefined),
	);
	const numberOfCards =
		source === 'quantity'
			? report.requireInteger('Number of Cards', session.parameter('numberOfCards'), 1)
			: undefined;
	return {
		order: {
			cardType,
			cardIdPrefix,
			...(Object.keys(options).length > 0 ? { options } : {}),
		},
		...(source === 'quantity' ? { numberOfCards } : { cards }),
	};
}

/**
 * A card of the batch answer as the user sees it: the generated PIN and card token (Dintero's
 * `pin.pin.value` and `card_token.token.value`, returned this once) under names the output keeps.
 */
function createdCard(card: IDataObject): IDataObject {
	const pin = ((card.pin as IDataObject | undefined)?.pin ?? {}) as IDataObject;
	const cardToken = (card.card_token ?? {}) as IDataObject;
	const token = (cardToken.token ?? {}) as IDataObject;
	return compact({
		...existingCard(card),
		pinValue: pin.value as string | undefined,
		pinBarcode: pin.barcode_128 as string | undefined,
		tokenValue: token.value as string | undefined,
		tokenBarcode: token.barcode_128 as string | undefined,
		tokenExpiresInSeconds: cardToken.expires_in as number | undefined,
	});
}

function existingCard(card: IDataObject): IDataObject {
	return compact({
		card_id: card.card_id as string | undefined,
		id: card.id as string | undefined,
		type: card.type as string | undefined,
		status: card.status as string | undefined,
	});
}

function chunkFields(result: ChunkResult): IDataObject {
	const withSecrets = (result.cards ?? []).filter(
		(card) => card.outcome === 'created' && card.fields.pinValue !== undefined,
	).length;
	const withoutSecrets = (result.counts.created ?? 0) - withSecrets;
	return compact({
		cardIds: result.cardIds,
		cards: result.cards?.map((card) =>
			card.outcome === 'created'
				? card.fields
				: { ...card.fields, outcome: card.outcome, error: card.error },
		),
		cardsWithoutPinAndToken: withoutSecrets > 0 ? withoutSecrets : undefined,
		pinAndTokenNotice:
			withoutSecrets > 0
				? `${withoutSecrets} card(s) of this call exist in Dintero but their PIN and card token are not in this output: they were created by an earlier run of this order, or by a call whose answer was lost. Dintero returns PIN and token only in the answer that creates the cards; generate new ones for those cards in Dintero if you need them.`
				: undefined,
	});
}
