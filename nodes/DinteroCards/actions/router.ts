import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../shared/router';
import { dinteroProvider } from '../transport';
import * as card from './card';
import * as cardBatch from './cardBatch';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, {
		provider: dinteroProvider,
		operations: {
			cardBatch: {
				create: cardBatch.create.execute,
				getStatus: cardBatch.getStatus.execute,
			},
			card: {
				activate: card.activate.execute,
				get: card.get.execute,
				getAll: card.getAll.execute,
			},
		},
		properties: [...cardBatch.description, ...card.description],
	});
}
