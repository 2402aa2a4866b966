import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ProviderSession } from '../session';
import type { ValidationReport } from '../validation';
import type { CardEntry } from './contract';

/**
 * Where the cards of an order come from (`cardsSource`, a public parameter name):
 * `inputItems` — all input items of the run form one order, one item = one card, fields named
 * as in the provider's API; `json` — `cardsJson`, a list, one order per item; `quantity` — a
 * plain `numberOfCards`, where the provider needs nothing per card.
 */
export type CardsSource = 'inputItems' | 'json' | 'quantity';

export function cardsSourceProperties(options: {
	providerLabel: string;
	/** Offer a plain Number of Cards (only where the provider needs nothing per card). */
	quantity: boolean;
	/** An example of one card in the provider's field names, for the JSON placeholder. */
	exampleCard: IDataObject;
}): INodeProperties[] {
	const sources = [
		...(options.quantity
			? [
					{
						name: 'Number of Cards',
						value: 'quantity',
						description: 'Cards that differ in nothing: give how many',
					},
				]
			: []),
		{
			name: 'Input Items',
			value: 'inputItems',
			description: `All input items form one order; each item is one card, its fields named as in ${options.providerLabel}'s API`,
		},
		{
			name: 'JSON List',
			value: 'json',
			description: 'Each input item brings one order, its cards as a JSON list',
		},
	];
	const cardsSource: INodeProperties = {
		displayName: 'Cards From',
		name: 'cardsSource',
		type: 'options',
		default: 'inputItems',
		options: sources,
	};
	if (options.quantity) cardsSource.default = 'quantity';
	return [
		cardsSource,
		{
			displayName: 'Cards (JSON)',
			name: 'cardsJson',
			type: 'json',
			required: true,
			default: '[]',
			placeholder: JSON.stringify([options.exampleCard]),
			displayOptions: { show: { cardsSource: ['json'] } },
			description: `A list of cards, each an object with ${options.providerLabel}'s field names`,
		},
	];
}

/** True when this item's run is part of an order that the first item of the run carries. */
export function isCarriedByFirstItem(session: ProviderSession): boolean {
	return (
		session.itemIndex > 0 && session.parameter<unknown>('cardsSource', 'quantity') === 'inputItems'
	);
}

/**
 * The cards of the order, each checked by `checkCard` (which adds its problems to the report
 * under the label it is given, and returns the card's fields as they will be sent). Empty when the
 * source is `quantity`.
 */
export function readCards(
	session: ProviderSession,
	report: ValidationReport,
	checkCard: (card: IDataObject, report: ValidationReport, label: string) => IDataObject,
): { source: CardsSource; cards: CardEntry[] } {
	const source = session.parameter<CardsSource>('cardsSource', 'quantity');
	const entries: Array<{ raw: unknown; itemIndex: number; label: string }> = [];
	if (source === 'inputItems') {
		if (!('getInputData' in session.context)) return { source, cards: [] };
		session.context.getInputData().forEach((item, itemIndex) => {
			entries.push({ raw: item.json, itemIndex, label: `Card of item ${itemIndex}` });
		});
	} else if (source === 'json') {
		const list = parseCardList(report, session.parameter('cardsJson', '[]'));
		list.forEach((raw, position) => {
			entries.push({
				raw,
				itemIndex: session.itemIndex,
				label: `Cards (JSON) › card ${position + 1}`,
			});
		});
	} else if (source === 'quantity') {
		return { source, cards: [] };
	} else {
		report.add('Cards From', 'must be Number of Cards, Input Items or JSON List');
		return { source: 'json', cards: [] };
	}
	if (entries.length === 0 && report.ok) report.add('Cards', 'the order has no cards');
	const cards = entries.map(({ raw, itemIndex, label }) => {
		if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
			report.add(label, 'must be an object of card fields');
			return { fields: {}, itemIndex };
		}
		return { fields: checkCard(raw as IDataObject, report, label), itemIndex };
	});
	return { source, cards };
}

function parseCardList(report: ValidationReport, value: unknown): unknown[] {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			report.add('Cards (JSON)', `is not valid JSON (${(error as Error).message})`);
			return [];
		}
	}
	if (!Array.isArray(parsed)) {
		report.add('Cards (JSON)', 'must be a JSON list of cards, e.g. [{"…": "…"}]');
		return [];
	}
	return parsed;
}
