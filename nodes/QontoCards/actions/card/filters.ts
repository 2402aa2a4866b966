import type { INodeProperties } from 'n8n-workflow';

import { CARD_LEVELS } from '../../helpers/cardFields';
import { QONTO_CARD_STATES } from '../../helpers/cardStatus';

/** Qonto's list filters (GET /v2/cards), written as `key[]=value` lists. */
export const cardFilterProperty: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{ displayName: 'Bank Account IDs', name: 'bankAccountIds', type: 'string', default: '' },
		{ displayName: 'Card IDs', name: 'ids', type: 'string', default: '' },
		{
			displayName: 'Card Levels',
			name: 'cardLevels',
			type: 'multiOptions',
			default: [],
			options: CARD_LEVELS.map((level) => ({ name: level, value: level })),
		},
		{ displayName: 'Holder IDs', name: 'holderIds', type: 'string', default: '' },
		{
			displayName: 'Search',
			name: 'query',
			type: 'string',
			default: '',
			description: 'Text search over holder name, card ID, nickname, last digits, status',
		},
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			default: 'created_at:desc',
			options: ['created_at', 'last_activity_at', 'nickname', 'status'].flatMap((field) => [
				{ name: `${field} (newest/highest first)`, value: `${field}:desc` },
				{ name: `${field} (oldest/lowest first)`, value: `${field}:asc` },
			]),
		},
		{
			displayName: 'Statuses',
			name: 'statuses',
			type: 'multiOptions',
			default: [],
			options: Object.keys(QONTO_CARD_STATES).map((status) => ({ name: status, value: status })),
		},
	],
};
