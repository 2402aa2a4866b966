import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../shared/router';
import { qontoProvider } from '../transport';
import * as card from './card';
import * as cardBulk from './cardBulk';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, {
		provider: qontoProvider,
		operations: {
			cardBulk: {
				create: cardBulk.create.execute,
				getStatus: cardBulk.getStatus.execute,
				submit: cardBulk.submit.execute,
			},
			card: { getAll: card.getAll.execute },
		},
		properties: [...cardBulk.description, ...card.description],
	});
}
