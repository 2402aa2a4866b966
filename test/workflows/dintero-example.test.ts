import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { DinteroApi } from '../../credentials/DinteroApi.credentials';
import { DinteroCards } from '../../nodes/DinteroCards/DinteroCards.node';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflowJson } from '../harness/workflowRunner';
import { useTestSandbox } from '../sandbox/helpers';

/**
 * The Dintero example uses Edit Fields (raw JSON) and Split Out, which only the real n8n has
 * (`npm run test:e2e` runs it there). These stand-ins do just what the example asks of them, so
 * that the Dintero part of the example, its credential and its .expect.json are checked here too.
 */
function standIn(
	name: string,
	parameter: string,
	run: (json: IDataObject, node: IExecuteFunctions, index: number) => IDataObject[],
): INodeType {
	return {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: [1, 3.4],
			description: 'Test stand-in',
			defaults: { name },
			inputs: ['main'],
			outputs: ['main'],
			properties: [{ displayName: parameter, name: parameter, type: 'string', default: '' }],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [
				this.getInputData().flatMap((item, index) =>
					run(item.json, this, index).map((json) => ({ json, pairedItem: { item: index } })),
				),
			];
		},
	} as unknown as INodeType;
}

const editFieldsRaw = standIn('set', 'jsonOutput', (_json, node, index) => [
	JSON.parse(node.getNodeParameter('jsonOutput', index) as string) as IDataObject,
]);
const splitOut = standIn('splitOut', 'fieldToSplitOut', (json, node, index) => {
	const list = json[node.getNodeParameter('fieldToSplitOut', index) as string];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
});

const examples = jest.requireActual('../../scripts/lib/workflows');
const sandboxScripts = jest.requireActual('../../scripts/lib/sandbox');

let sandbox: Sandbox | undefined;
useTestSandbox((started) => (sandbox = started));

describe('the Dintero example workflow', () => {
	it('creates the gift-card batch, activates the cards sold, and meets its .expect.json; a second run creates nothing again', async () => {
		const started = sandbox as Sandbox;
		const workflow = examples.loadWorkflow(
			'examples/workflows/dintero-gift-cards-activate.json',
			'n8n-nodes-bulk-cards',
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
					'n8n-nodes-bulk-cards.dinteroCards': new DinteroCards(),
					'n8n-nodes-base.set': editFieldsRaw,
					'n8n-nodes-base.splitOut': splitOut,
				},
				credentials,
			});

		const first = await run();
		expect(examples.checkRun(workflow, first.run, started.admin.counters())).toEqual([]);
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
