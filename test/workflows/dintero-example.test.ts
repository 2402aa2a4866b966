import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { DinteroApi } from '../../credentials/DinteroApi.credentials';
import { DinteroCards } from '../../nodes/DinteroCards/DinteroCards.node';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflowJson } from '../harness/workflowRunner';
import { coreNodeStandIns } from '../helpers/coreNodeStandIns';
import { useTestSandbox } from '../sandbox/helpers';

const examples = jest.requireActual('../../scripts/lib/workflows');
const sandboxScripts = jest.requireActual('../../scripts/lib/sandbox');

let sandbox: Sandbox | undefined;
useTestSandbox((started) => (sandbox = started));

describe('the Dintero example workflow', () => {
	it('creates the gift-card batch, checks it, activates the cards sold, alerts twice, and meets its .expect.json; a second run creates nothing again', async () => {
		const started = sandbox as Sandbox;
		const workflow = examples.loadWorkflow(
			'examples/workflows/dintero-gift-cards-activate.json',
			'n8n-nodes-bulk-cards',
			{ sandboxUrl: started.url },
		);
		expect(workflow.problems).toEqual([]);
		const credentials = (
			sandboxScripts.sandboxCredentials(started.url) as Array<{ type: string; data: never }>
		)
			.filter((credential) => credential.type === 'dinteroApi')
			.map((credential) => ({ type: new DinteroApi(), data: credential.data }));
		const run = async () =>
			await runWorkflowJson({
				...workflow.data,
				nodeTypes: {
					...coreNodeStandIns((ms) => started.admin.clock.advance(ms)),
					'n8n-nodes-bulk-cards.dinteroCards': new DinteroCards(),
				},
				credentials,
			});

		const first = await run();
		expect(
			examples.checkRun(
				workflow,
				first.run,
				started.admin.counters(),
				started.admin.catcher.messages(),
			),
		).toEqual([]);
		const created = first.run.data.resultData.runData['Create 20 gift cards'][0].data?.main[0]?.[0]
			?.json as IDataObject;
		expect(
			(created.cards as IDataObject[]).every((card) => /^\d{6}$/.test(String(card.pinValue))),
		).toBe(true);

		const second = await run();
		const again = second.run.data.resultData.runData['Create 20 gift cards'][0].data?.main[0]?.[0]
			?.json as IDataObject;
		expect(again).toMatchObject({ outcome: 'created', alreadyExisted: 20 });
		const activations = second.run.data.resultData.runData['Activate the sold cards'][0].data
			?.main[0] as INodeExecutionData[];
		expect(activations.map((item) => item.json.outcome)).toEqual([
			'alreadyActive',
			'alreadyActive',
			'alreadyActive',
		]);
		expect(started.admin.counters().dintero).toMatchObject({ cardsCreated: 20, activations: 3 });
	});
});
