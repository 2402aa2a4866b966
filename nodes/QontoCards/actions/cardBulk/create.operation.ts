import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	bulkOrderOptions,
	cardsSourceProperties,
	orderReferenceProperty,
	readCards,
	runBulkOrder,
	type BulkCreateSpec,
	type CardAnswer,
} from '../../../shared/bulkOrder';
import type { PairedItems } from '../../../shared/items';
import { redact } from '../../../shared/redaction';
import type { ProviderSession } from '../../../shared/session';
import { checkQontoCard } from '../../helpers/cardFields';
import { qontoSca, type ScaSettings } from '../../helpers/sca';
import { readRecords } from '../../../shared/records';
import { QONTO } from '../../transport';
import { approvalProperties, readApprovalSettings } from './approvalProperties';

const properties: INodeProperties[] = [
	...cardsSourceProperties({
		providerLabel: 'Qonto',
		quantity: false,
		exampleCard: {
			holder_id: 'membership id',
			bank_account_id: 'bank account id',
			card_level: 'virtual',
			payment_monthly_limit: 1000,
		},
	}),
	{
		...orderReferenceProperty,
		hint: 'Qonto keeps idempotency keys for 30 minutes: a re-run with the same reference within 30 minutes gets the first answer back; after that Qonto would create the cards again',
	},
	...approvalProperties,
	bulkOrderOptions({
		perCallName: 'One Item per Qonto Call',
		perCallDescription: 'One item per call of at most 50 cards, with the counts of its cards',
		perCardDescription:
			"One item per card, paired to the input item it came from, with Qonto's answer for it",
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['cardBulk'], operation: ['create'] } },
	properties,
);

export interface QontoOrder extends ScaSettings {
	scaPreference?: string;
	secrets: string[];
}

export const cardBulkCreate: BulkCreateSpec<QontoOrder> = {
	purpose: 'cardBulk.create',
	maxCardsPerCall: QONTO.maxCardsPerBulk,
	idempotency: { kind: 'keyHeader' },
	approval: qontoSca,
	readOrder: (session, report) => ({
		order: { ...readApprovalSettings(session, report), secrets: session.secrets },
		cards: readCards(session, report, checkQontoCard).cards,
	}),
	describeCall: (chunk, count) => `create cards (call ${chunk.index + 1} of ${count})`,
	buildRequest: (order, chunk) => ({
		method: 'POST',
		path: '/v2/cards/bulk',
		body: { cards: (chunk.cards ?? []).map((card) => ({ card: card.fields })) },
		...(order.scaPreference ? { headers: { 'X-Qonto-2fa-Preference': order.scaPreference } } : {}),
	}),
	// The cards sent are read from the request: a Submit of an awaiting call has only the request.
	readResponse: (order, _chunk, response, request) => ({
		outcome: 'created',
		cards: answersByCard(
			readRecords(response.body, 'cards'),
			readRecords(request.body, 'cards').map((element) => (element.card ?? {}) as IDataObject),
			order.secrets,
		),
	}),
	adviceFor: (failure) => {
		const status = failure.failure.kind === 'http' ? failure.failure.statusCode : undefined;
		if (status === 404)
			return "Qonto answered that POST /v2/cards/bulk does not exist. Qonto's sandbox has been seen to answer this on plans without bulk card creation, while single cards can still be created: check that your Qonto plan includes bulk creation (ask Qonto), rather than the URL.";
		if (status === 403)
			return 'Creating cards needs the Qonto OAuth2 credential with the card.write scope (Authentication: OAuth2): Qonto asks for strong customer authentication, which an API key cannot give.';
		return undefined;
	},
	chunkFields: (_order, result) => ({
		cardIds: result.cards?.flatMap((card) => (card.fields.cardId ? [card.fields.cardId] : [])),
	}),
	cardFields: (_order, _result, card) => ({ card }),
};

export async function execute(
	this: IExecuteFunctions,
	_itemIndex: number,
	session: ProviderSession,
): Promise<PairedItems> {
	return await runBulkOrder(session, cardBulkCreate);
}

/**
 * Qonto answers in the order of the request, each element a card or an error (providers.md §2.3);
 * the exact wrapper of each element is unconfirmed, so `{card}`, a bare card and `{errors}` /
 * `{error}` / `{code, detail}` are all read. A card with no answer is reported unknown, and so is
 * one whose answer names another holder: Qonto replays a key's first answer even for a different
 * body (idempotent-requests page), so a reference reused within 30 minutes for other cards would
 * otherwise be reported as these cards.
 */
function answersByCard(
	results: IDataObject[],
	sent: IDataObject[],
	secrets: string[],
): CardAnswer[] {
	return sent.map((request, position): CardAnswer => {
		const result = results[position];
		if (!result)
			return unknownCard(
				"Qonto's answer has no result for this card: check in Qonto whether it exists",
			);
		const error =
			result.errors ?? result.error ?? (result.detail && result.code ? result : undefined);
		if (error) return { outcome: 'failed', fields: {}, error: cardError(error) };
		const card = redact(
			((result.card as IDataObject | undefined) ?? result) as IDataObject,
			secrets,
		);
		if (card.holder_id !== undefined && card.holder_id !== request.holder_id) {
			return unknownCard(
				'Qonto answered with a card of another holder: the order reference was used within the last 30 minutes for other cards, and Qonto replayed that answer. Use a new order reference for a new order, and check in Qonto which cards exist.',
			);
		}
		return {
			outcome: 'created',
			fields: {
				cardId: card.id,
				status: card.status,
				holderId: card.holder_id,
				cardLevel: card.card_level,
				card,
			},
		};
	});
}

function unknownCard(message: string): CardAnswer {
	return { outcome: 'unknown', fields: {}, error: { message } };
}

function cardError(error: unknown): IDataObject {
	const first = (Array.isArray(error) ? error[0] : error) as IDataObject | undefined;
	const source = (first?.source ?? {}) as IDataObject;
	return {
		message: String(first?.detail ?? first?.message ?? first?.code ?? 'Qonto refused this card'),
		...(first?.code ? { code: first.code } : {}),
		...(source.pointer ? { field: source.pointer } : {}),
	};
}
