import { useNymCardTestbed } from '../helpers/nymCard';

/** The e2e run's own loader and checker, so both runs judge the examples by the same rules. */
const examples = jest.requireActual('../../scripts/lib/workflows');

const files: string[] = examples.listWorkflowFiles('examples/workflows');

const testbed = useNymCardTestbed();

describe('example workflows, run in-process exactly as shipped', () => {
	it('there is at least one example', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	it.each(files)('%s meets its .expect.json', async (file) => {
		const workflow = examples.loadWorkflow(file, 'n8n-nodes-bulk-cards');
		expect(workflow.problems).toEqual([]);
		testbed.sandbox.admin.reset();
		const { run } = await testbed.runJson(workflow.data);
		expect(examples.checkRun(workflow, run, testbed.sandbox.admin.counters())).toEqual([]);
	});
});
