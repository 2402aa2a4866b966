import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../../shared/operation';
import { cardPath } from '../../transport';
import { cardIdProperty, readCardId } from '../common';

export const { description, execute } = defineOperation({
	resource: 'card',
	operation: 'get',
	subject: 'The card request',
	properties: [cardIdProperty],
	read: (session, report) => ({ cardId: readCardId(session, report) }),
	run: async (session, { cardId }) =>
		(
			await session.request<IDataObject>(
				{ method: 'GET', path: cardPath(cardId) },
				`read card ${cardId}`,
			)
		).body ?? {},
});
