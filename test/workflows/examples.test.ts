import { DinteroApi } from '../../credentials/DinteroApi.credentials';
import { NymCardApi } from '../../credentials/NymCardApi.credentials';
import { PaysafeApi } from '../../credentials/PaysafeApi.credentials';
import { QontoApi } from '../../credentials/QontoApi.credentials';
import { QontoOAuth2Api } from '../../credentials/QontoOAuth2Api.credentials';
import { DinteroCards } from '../../nodes/DinteroCards/DinteroCards.node';
import { NymCard } from '../../nodes/NymCard/NymCard.node';
import { PaysafeCards } from '../../nodes/PaysafeCards/PaysafeCards.node';
import { QontoCards } from '../../nodes/QontoCards/QontoCards.node';
import { DEMO_SANDBOX_OPTIONS } from '../../sandbox/demo';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runWorkflowJson } from '../harness/workflowRunner';
import { coreNodeStandIns } from '../helpers/coreNodeStandIns';

/** The e2e run's own loader, checker and credentials, so both runs judge the examples alike. */
const examples = jest.requireActual('../../scripts/lib/workflows');
const sandboxScripts = jest.requireActual('../../scripts/lib/sandbox');

const files: string[] = examples.listWorkflowFiles('examples/workflows');
/** Examples that `n8n execute` can start (a Manual Trigger); the trigger example is published instead. */
const executable = files.filter(
	(file) => examples.loadWorkflow(file, 'n8n-nodes-bulk-cards').executable,
);
const credentialTypes = {
	nymCardApi: NymCardApi,
	qontoApi: QontoApi,
	qontoOAuth2Api: QontoOAuth2Api,
	paysafeApi: PaysafeApi,
	dinteroApi: DinteroApi,
};

let sandbox: Sandbox;
beforeAll(async () => {
	// As `npm start` and the e2e run start it (sandbox/main.ts --demo).
	sandbox = await startSandbox({ port: 0, ...DEMO_SANDBOX_OPTIONS });
});
afterAll(async () => await sandbox.close());

describe('example workflows, run in-process exactly as shipped', () => {
	it('there is an example for each provider node and the trigger', () => {
		const types = files.flatMap((file) =>
			examples
				.loadWorkflow(file, 'n8n-nodes-bulk-cards')
				.packageNodes.map((node: { type: string }) => node.type),
		);
		expect(new Set(types)).toEqual(
			new Set([
				'n8n-nodes-bulk-cards.nymCard',
				'n8n-nodes-bulk-cards.qontoCards',
				'n8n-nodes-bulk-cards.paysafeCards',
				'n8n-nodes-bulk-cards.dinteroCards',
				'n8n-nodes-bulk-cards.bulkCardTrigger',
			]),
		);
	});

	// Core nodes are stand-ins (test/helpers/coreNodeStandIns.ts); a Wait advances the sandbox clock.
	it.each(executable)('%s meets its .expect.json', async (file) => {
		const workflow = examples.loadWorkflow(file, 'n8n-nodes-bulk-cards', {
			sandboxUrl: sandbox.url,
		});
		expect(workflow.problems).toEqual([]);
		sandbox.admin.reset();
		const credentials = (
			sandboxScripts.sandboxCredentials(sandbox.url) as Array<{
				type: keyof typeof credentialTypes;
				data: never;
			}>
		).map((credential) => ({
			type: new credentialTypes[credential.type](),
			data: credential.data,
		}));
		const { run } = await runWorkflowJson({
			...workflow.data,
			nodeTypes: {
				...coreNodeStandIns((ms) => sandbox.admin.clock.advance(ms)),
				'n8n-nodes-bulk-cards.nymCard': new NymCard(),
				'n8n-nodes-bulk-cards.qontoCards': new QontoCards(),
				'n8n-nodes-bulk-cards.paysafeCards': new PaysafeCards(),
				'n8n-nodes-bulk-cards.dinteroCards': new DinteroCards(),
			},
			credentials,
		});
		expect(
			examples.checkRun(workflow, run, sandbox.admin.counters(), sandbox.admin.catcher.messages()),
		).toEqual([]);
	});
});
