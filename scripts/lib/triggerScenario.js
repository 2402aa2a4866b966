'use strict';
// The Bulk Card Trigger in a real, running n8n: publish a trigger workflow through the public API,
// make changes in the sandbox, and check that each change started exactly one execution, that each
// alert reached the sandbox's webhook catcher exactly once, and that a poll with no change started
// nothing. The scenario is the `trigger` key of the workflow's .expect.json (format:
// scripts/lib/workflows.js). Publishing and reading executions: scripts/lib/n8nPublicApi.js.

const path = require('node:path');

const axios = require('axios');

const { log } = require('./log');
const { SANDBOX_DEFAULTS: { DINTERO }, resetSandbox } = require('./sandbox');
const { activationEndpoints, createApiKey, publicApi, listExecutions, waitForExecutions } = require('./n8nPublicApi');
const { caughtMessages, countByChannel, checkCaught } = require('./catcher');

/** The trigger's `provider` parameter → the sandbox's provider name (request log, counters). */
const SANDBOX_PROVIDER = {
	nymCard: 'nymcard',
	qontoCards: 'qonto',
	paysafeCards: 'paysafe',
	dinteroCards: 'dintero',
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function sandboxClient(sandboxUrl) {
	return axios.create({ baseURL: sandboxUrl, timeout: 10000 });
}

/** Output items (json) of a node in an execution read with includeData. */
function nodeItems(execution, nodeName) {
	const runs = (((execution.data || {}).resultData || {}).runData || {})[nodeName];
	if (!runs || runs.length === 0) return null;
	const main = (runs[runs.length - 1].data && runs[runs.length - 1].data.main) || [];
	return (main[0] || []).map((item) => item.json);
}

/** GET requests the provider has had (the trigger only reads). */
async function providerGets(sandboxUrl, provider) {
	const r = await sandboxClient(sandboxUrl).get('/__admin/requests', { params: { provider } });
	return r.data.filter((entry) => entry.method === 'GET');
}

/** Waits for a poll (a new GET to the provider) after `seen` GETs; resolves the new count. */
async function waitForPoll(sandboxUrl, provider, seen, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const gets = await providerGets(sandboxUrl, provider);
		if (gets.length > seen) {
			// Let the poll read its last page and return.
			await sleep(3000);
			return (await providerGets(sandboxUrl, provider)).length;
		}
		if (Date.now() > deadline)
			throw new Error(`no poll of ${provider} within ${Math.round(timeoutMs / 1000)} s`);
		await sleep(1000);
	}
}

/** One change in the sandbox: an admin call, or a Dintero card activation through Dintero's API. */
async function applyChange(sandboxUrl, change) {
	const client = sandboxClient(sandboxUrl);
	if (change.admin) {
		const [method, path] = change.admin.split(' ');
		await client.request({ method, url: `/__admin${path}`, data: change.body || {} });
		return change.admin;
	}
	if (change.dinteroActivate) {
		const { cardId, ...activation } = change.dinteroActivate;
		const root = `${DINTERO.basePath}/accounts/${DINTERO.accountId}`;
		const token = await client.post(
			`${root}/auth/token`,
			{
				grant_type: 'client_credentials',
				audience: `https://api.dintero.com/v1/accounts/${DINTERO.accountId}`,
			},
			{ auth: { username: DINTERO.clientId, password: DINTERO.clientSecret } },
		);
		await client.post(`${root}/wallets/cards/${encodeURIComponent(cardId)}/activate`, activation, {
			headers: { authorization: `Bearer ${token.data.access_token}` },
		});
		return `activate Dintero card ${cardId}`;
	}
	throw new Error(`unknown change ${JSON.stringify(change)}`);
}

function subsetMismatch(actual, expected) {
	for (const [key, value] of Object.entries(expected)) {
		if (JSON.stringify(actual && actual[key]) !== JSON.stringify(value))
			return `${key}=${JSON.stringify(actual && actual[key])}, expected ${JSON.stringify(value)}`;
	}
	return null;
}

/**
 * Runs the scenario of `wf.expect.trigger` against a running n8n. Returns a list of failures
 * (empty = passed). The workflow is unpublished (deactivated) again whatever happens.
 * `makeChange(index, apply)` makes change `index` by calling `apply()`; the default just calls it
 * (the queue-mode test restarts n8n's main around one change).
 */
async function runTriggerScenario({ wf, n8nUrl, owner, sandboxUrl, step, makeChange = (_index, apply) => apply() }) {
	const scenario = wf.expect.trigger;
	const failures = [];
	const fail = (message) => {
		failures.push(message);
		log(`✗ ${message}`);
	};
	const triggerNode = wf.data.nodes.find((n) => n.name === scenario.node);
	if (!triggerNode)
		return [`trigger scenario names node "${scenario.node}", which the workflow does not have`];
	const provider = SANDBOX_PROVIDER[triggerNode.parameters.provider];
	if (!provider)
		return [
			`trigger node "${scenario.node}" has no known provider (${triggerNode.parameters.provider})`,
		];
	const tickMs = (scenario.tickSeconds || 60) * 1000;
	// A tick may come up to one interval after the change, then the execution runs.
	const waitMs = tickMs + 60000;

	const endpoints = activationEndpoints();
	const apiKey = await step('n8n API key for the public API', () => createApiKey(n8nUrl, owner));
	const api = publicApi(n8nUrl, apiKey.key);
	let published = false;
	try {
		await step('trigger: sandbox reset and set-up', async () => {
			await resetSandbox(sandboxUrl);
			for (const action of scenario.setup || []) await applyChange(sandboxUrl, action);
		});
		const before = await listExecutions(api, wf.id);
		if (before.length)
			fail(`the trigger workflow has ${before.length} execution(s) before it was published`);

		await step(`trigger: ${endpoints.on} ${path.basename(wf.file)} (public API)`, async () => {
			const r = await api.post(`/workflows/${wf.id}/${endpoints.on}`, {});
			if (r.status !== 200)
				throw new Error(`${endpoints.on} answered ${r.status}: ${JSON.stringify(r.data)}`);
			published = true;
		});
		// Activation runs a first poll at once: the baseline, which starts no execution.
		let gets = await step('trigger: baseline poll on publishing', () =>
			waitForPoll(sandboxUrl, provider, 0, 30000),
		);
		let executions = await listExecutions(api, wf.id);
		if (executions.length)
			fail(`the baseline poll started ${executions.length} execution(s); it must start none`);
		let messages = await caughtMessages(sandboxUrl);
		if (messages.length)
			fail(`the catcher got ${messages.length} message(s) from the baseline poll`);

		for (const [index, change] of (scenario.changes || []).entries()) {
			const label = `trigger: change ${index + 1}`;
			await step(
				`${label}: ${change.admin || (change.dinteroActivate ? `activate ${change.dinteroActivate.cardId}` : '?')}, then one execution`,
				async () => {
					await makeChange(index, () => applyChange(sandboxUrl, change));
					const all = await waitForExecutions(api, wf.id, index + 1, waitMs);
					if (all.length !== index + 1) {
						fail(
							`${label}: ${all.length} executions after ${index + 1} change(s), expected ${index + 1}`,
						);
						return;
					}
					const execution = all[index];
					if (execution.status !== 'success')
						fail(`${label}: execution ${execution.id} is ${execution.status}, expected success`);
					if (execution.mode !== 'trigger')
						fail(
							`${label}: execution ${execution.id} has mode ${execution.mode}, expected trigger`,
						);
					const items = nodeItems(execution, scenario.node);
					if (!items)
						fail(`${label}: execution ${execution.id} has no output of "${scenario.node}"`);
					else if (change.items) {
						if (items.length !== change.items.length)
							fail(
								`${label}: the trigger emitted ${items.length} item(s), expected ${change.items.length}: ${JSON.stringify(items.map((i) => [i.cardId || i.bulkId, i.status]))}`,
							);
						change.items.forEach((want, i) => {
							const mismatch = subsetMismatch(items[i], want);
							if (mismatch) fail(`${label}: item ${i}: ${mismatch}`);
						});
					}
					// Each alert reached the catcher exactly once.
					const now = await caughtMessages(sandboxUrl);
					const fresh = now.slice(messages.length);
					for (const f of checkCaught(fresh, change, label)) fail(f);
					for (const m of fresh) log(`  caught on ${m.channel}: ${JSON.stringify(m.body)}`);
					messages = now;
					executions = all;
					gets = (await providerGets(sandboxUrl, provider)).length;
				},
			);
		}

		for (let quiet = 0; quiet < (scenario.quietPolls ?? 1); quiet++) {
			await step(`trigger: a poll with nothing changed starts no execution`, async () => {
				gets = await waitForPoll(sandboxUrl, provider, gets, waitMs);
				await sleep(5000);
				const all = await listExecutions(api, wf.id);
				if (all.length !== executions.length)
					fail(`a poll with no change started ${all.length - executions.length} execution(s)`);
				const now = await caughtMessages(sandboxUrl);
				if (now.length !== messages.length)
					fail(
						`the catcher got ${now.length - messages.length} message(s) after a poll with no change`,
					);
			});
		}
		const total = (scenario.changes || []).length;
		log(
			`trigger: ${executions.length} execution(s) for ${total} change(s), ${messages.length} alert(s) caught (${JSON.stringify(countByChannel(messages))})`,
		);
	} catch (e) {
		fail(`trigger scenario: ${e.message}`);
	} finally {
		if (published) {
			const r = await api
				.post(`/workflows/${wf.id}/${endpoints.off}`, {})
				.catch((e) => ({ status: e.message }));
			if (r.status !== 200) fail(`${endpoints.off} answered ${r.status}`);
			else log(`trigger: "${wf.name}": ${endpoints.off} done`);
		}
		await apiKey.revoke().catch(() => {});
	}
	return failures;
}

module.exports = { runTriggerScenario, SANDBOX_PROVIDER };
