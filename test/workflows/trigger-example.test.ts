import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';
import { useTestSandbox } from '../sandbox/helpers';
import { walletClient } from '../sandbox/dinteroHelpers';
import { dinteroPoller, emitted } from '../trigger/helpers';

/**
 * The trigger → alert example (examples/workflows/trigger-alert.json) is run in the real n8n by
 * `npm run test:e2e` (published, polled every minute). Here: its trigger node, exactly as shipped,
 * through a real PollContext against the sandbox, and the scenario its .expect.json describes.
 */
const examples = jest.requireActual('../../scripts/lib/workflows');

let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

interface ExampleNode {
	name: string;
	type: string;
	parameters: INodeParameters & { url?: string };
}

function load(sandboxUrl: string) {
	const workflow = examples.loadWorkflow(
		'examples/workflows/trigger-alert.json',
		'n8n-nodes-bulk-cards',
		{
			sandboxUrl,
		},
	);
	const nodes = workflow.data.nodes as ExampleNode[];
	const scenario = workflow.expect.trigger;
	const trigger = nodes.find((node) => node.name === scenario.node)!;
	return { workflow, nodes, scenario, trigger };
}

describe('trigger → alert example', () => {
	it('posts its alerts to the running sandbox catcher, and its scenario names its own trigger', () => {
		const { workflow, nodes, trigger } = load(sandbox.url);
		expect(workflow.problems).toEqual([]);
		expect(workflow.executable).toBe(false);
		expect(trigger.type).toBe('n8n-nodes-bulk-cards.bulkCardTrigger');
		const urls = nodes.filter((node) => node.parameters.url).map((node) => node.parameters.url);
		expect(urls.sort()).toEqual([
			`${sandbox.url}/__catcher/email`,
			`${sandbox.url}/__catcher/slack`,
		]);
		expect(JSON.stringify(workflow.data)).not.toContain(examples.SANDBOX_URL_PLACEHOLDER);
	});

	it('its trigger node emits what the scenario expects, change by change, and nothing otherwise', async () => {
		const { trigger, scenario } = load(sandbox.url);
		for (const action of scenario.setup) {
			expect(action.admin).toBe('POST /dintero/cards/seed');
			sandbox.admin.dintero.seedCards(action.body.count, { prefix: action.body.prefix });
		}
		// pollTimes is n8n's (the loader adds it to every polling node); the node never reads it.
		const parameters = { ...trigger.parameters };
		delete parameters.pollTimes;
		const poller = dinteroPoller(sandbox, parameters);
		expect(await poller.poll()).toBeNull();
		for (const change of scenario.changes) {
			if (change.dinteroActivate) {
				const { cardId, ...activation } = change.dinteroActivate;
				const wallet = await walletClient(sandbox);
				expect((await wallet.post(`/cards/${cardId}/activate`, activation)).status).toBe(200);
			} else {
				const [, cardId] = /^POST \/dintero\/cards\/([^/]+)\/status$/.exec(change.admin)!;
				sandbox.admin.dintero.setCardStatus(cardId, change.body.status);
			}
			const items = emitted(await poller.poll());
			expect(items).toEqual(change.items.map((item: object) => expect.objectContaining(item)));
		}
		expect(await poller.poll()).toBeNull();
	});
});
