import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../shared/router';
import { nymCardProvider } from '../transport';
import * as bulkIssuance from './bulkIssuance';
import * as card from './card';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, {
		provider: nymCardProvider,
		operations: {
			bulkIssuance: {
				create: bulkIssuance.create.execute,
				get: bulkIssuance.get.execute,
				getAll: bulkIssuance.getAll.execute,
				getStatus: bulkIssuance.getStatus.execute,
				submit: bulkIssuance.submit.execute,
				update: bulkIssuance.update.execute,
			},
			card: { getAll: card.getAll.execute, link: card.link.execute },
		},
		properties: [...bulkIssuance.description, ...card.description],
	});
}
