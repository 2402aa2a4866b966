import type { IDataObject } from 'n8n-workflow';

import { defineOperation, readListLimit, returnAllProperties } from '../../../shared/operation';
import { readIdList } from '../../../shared/validation';
import { listCards } from '../../transport';
import { cardFilterProperty } from './filters';

export const { description, execute } = defineOperation({
	resource: 'card',
	operation: 'getAll',
	properties: [...returnAllProperties('cards'), cardFilterProperty],
	read: (session, report) => {
		const filters = session.parameter<IDataObject>('filters', {});
		const list = (name: string) => readIdList(report, `Filters › ${name}`, filters[name], false);
		const query: IDataObject = {
			ids: list('ids'),
			holder_ids: list('holderIds'),
			bank_account_ids: list('bankAccountIds'),
			statuses: (filters.statuses as string[] | undefined) ?? [],
			card_levels: (filters.cardLevels as string[] | undefined) ?? [],
			...(filters.query ? { query: filters.query } : {}),
			...(filters.sortBy ? { sort_by: filters.sortBy } : {}),
		};
		for (const [key, value] of Object.entries(query))
			if (Array.isArray(value) && value.length === 0) delete query[key];
		return { query, limit: readListLimit(session, report) };
	},
	run: async (session, { query, limit }) => await listCards(session, query, limit, 'list cards'),
});
