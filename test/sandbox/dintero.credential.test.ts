import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

import { DinteroApi } from '../../credentials/DinteroApi.credentials';
import type { Sandbox } from '../../sandbox/server';
import { runCredentialTest } from '../harness/credentialTest';
import { runWorkflow } from '../harness/workflowRunner';
import { CLIENT_ID, CLIENT_SECRET, dinteroUrl, TEST_ACCOUNT } from './dinteroHelpers';
import { useTestSandbox } from './helpers';

type ProbeStep = { request: IHttpRequestOptions } | { admin: string; body?: IDataObject };

/** Sends its steps through `httpRequestWithAuthentication`, as the Dintero node will. */
class DinteroProbe implements INodeType {
	description = {
		displayName: 'Dintero Probe',
		name: 'dinteroProbe',
		group: ['transform'],
		version: 1,
		description: 'Test-only',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'dinteroApi', required: true }],
		properties: [{ displayName: 'Steps', name: 'steps', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const steps = JSON.parse(this.getNodeParameter('steps', 0) as string) as ProbeStep[];
		const results: INodeExecutionData[] = [];
		for (const step of steps) {
			if ('admin' in step) {
				await this.helpers.httpRequest({
					method: 'POST',
					url: step.admin,
					body: step.body,
					json: true,
				});
				continue;
			}
			try {
				const body = (await this.helpers.httpRequestWithAuthentication.call(this, 'dinteroApi', {
					...step.request,
					json: true,
				})) as IDataObject;
				results.push({ json: { ok: true, body } });
			} catch (error) {
				results.push({ json: { ok: false, message: (error as Error).message } });
			}
		}
		return [results];
	}
}

const credentialType = new DinteroApi();
let sandbox: Sandbox;
useTestSandbox((started) => (sandbox = started));

function credentialData(
	changes: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		accessToken: '',
		accountId: TEST_ACCOUNT,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		environment: 'custom',
		baseUrl: `${dinteroUrl(sandbox)}/`,
		...changes,
	};
}

/** One card of the account: a plain read through the credential's Bearer token. */
function listRequest(data: ICredentialDataDecryptedObject): IHttpRequestOptions {
	return {
		method: 'GET',
		baseURL: String(data.baseUrl).replace(/\/+$/, ''),
		url: `/accounts/${String(data.accountId).trim()}/wallets/cards`,
		qs: { limit: 1 },
	};
}

async function probe(steps: ProbeStep[], data = credentialData()) {
	const result = await runWorkflow({
		nodeTypes: { 'test.dinteroProbe': new DinteroProbe() },
		credentials: [{ type: credentialType, data }],
		chain: [
			{
				name: 'Probe',
				type: 'test.dinteroProbe',
				parameters: { steps: JSON.stringify(steps) },
				credentials: { dinteroApi: { id: 'dintero-1', name: 'Dintero test account' } },
			},
		],
	});
	const outputs = result.nodes.Probe.items.map(({ json }) => json);
	const stored = await result.credentialsHelper.getDecrypted(
		undefined,
		{ id: 'dintero-1', name: 'Dintero test account' },
		'dinteroApi',
	);
	return {
		outputs,
		runs: result.credentialsHelper.preAuthenticationRuns.length,
		stored,
		error: result.nodes.Probe.error,
	};
}

const counters = () => sandbox.admin.counters().dintero;

describe('dinteroApi credential against the sandbox', () => {
	it('tests the connection as n8n does: a token from the token endpoint, so a wrong secret fails even while a token is stored', async () => {
		const stored = { accessToken: 'a-token-fetched-earlier' };

		expect(await runCredentialTest(credentialType, credentialData(stored))).toMatchObject({
			status: 'OK',
		});
		expect(
			await runCredentialTest(credentialType, credentialData({ ...stored, clientSecret: 'wrong' })),
		).toMatchObject({ status: 'Error' });
		expect(sandbox.admin.requests('dintero').at(-1)).toMatchObject({
			method: 'POST',
			path: `/dintero/v1/accounts/${TEST_ACCOUNT}/auth/token`,
			body: { audience: `https://api.dintero.com/v1/accounts/${TEST_ACCOUNT}` },
		});
	});

	it('gets one token by preAuthentication, sends it as Bearer and reuses it across requests and executions', async () => {
		const test = listRequest(credentialData());
		const list = { request: test };
		const getMissing = {
			request: { ...test, url: `/accounts/${TEST_ACCOUNT}/wallets/cards/none`, qs: {} },
		};

		const first = await probe([list, list, getMissing, list]);

		expect(first.error).toBeUndefined();
		expect(first.outputs.map(({ ok }) => ok)).toEqual([true, true, false, true]);
		expect(first.outputs[0].body).toEqual({ cards: [] });
		expect(first.runs).toBe(1);
		expect(first.stored.accessToken).toEqual(expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/));
		expect(counters()).toMatchObject({ tokenRequests: 1, tokensIssued: 1, unauthorized: 0 });
		const log = sandbox.admin.requests('dintero');
		expect(log[0]).toMatchObject({
			method: 'POST',
			path: `/dintero/v1/accounts/${TEST_ACCOUNT}/auth/token`,
			body: {
				grant_type: 'client_credentials',
				audience: `https://api.dintero.com/v1/accounts/${TEST_ACCOUNT}`,
			},
		});

		const second = await probe([list], first.stored);
		expect(second.runs).toBe(0);
		expect(second.outputs[0].ok).toBe(true);
		expect(counters().tokensIssued).toBe(1);
	});

	it('fetches a new token after a 401 (token expired) and retries the request once', async () => {
		sandbox.admin.dintero.configure({ tokenLifetimeSeconds: 60 });
		const list = { request: listRequest(credentialData()) };

		const result = await probe([
			list,
			{ admin: `${sandbox.url}/__admin/clock/advance`, body: { ms: 60_000 } },
			list,
			list,
		]);

		expect(result.outputs.map(({ ok }) => ok)).toEqual([true, true, true]);
		expect(result.runs).toBe(2);
		expect(counters()).toMatchObject({ tokensIssued: 2, unauthorized: 1 });
	});

	it.each([
		['a malformed account id', { accountId: 'T1234' }, 'T followed by 8 digits'],
		['plain http to a remote host', { baseUrl: 'http://cards.example.com/v1' }, 'use https'],
	])('refuses %s before sending anything', async (_case, changes, expected) => {
		const result = await probe(
			[{ request: listRequest(credentialData()) }],
			credentialData(changes),
		);

		expect(result.outputs[0].ok).toBe(false);
		expect(JSON.stringify(result.outputs)).toContain(expected);
		expect(counters().requests).toBe(0);
	});

	it('reports a refused token request without the client secret', async () => {
		const result = await probe(
			[{ request: listRequest(credentialData()) }],
			credentialData({ clientSecret: 'wrong-secret-value' }),
		);

		expect(result.outputs[0].ok).toBe(false);
		const text = JSON.stringify(result.outputs);
		expect(text).toContain('401');
		expect(text).not.toContain('wrong-secret-value');
		expect(text).not.toContain(Buffer.from(`${CLIENT_ID}:wrong-secret-value`).toString('base64'));
	});
});
