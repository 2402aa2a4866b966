import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../shared/router';
import { paysafeProvider } from '../transport';
import * as bulkOrder from './bulkOrder';
import * as card from './card';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, {
		provider: paysafeProvider,
		operations: {
			bulkOrder: {
				create: bulkOrder.create.execute,
				get: bulkOrder.get.execute,
				getStatus: bulkOrder.getStatus.execute,
			},
			card: { getAll: card.getAll.execute },
		},
		properties: [...bulkOrder.description, ...card.description],
	});
}
