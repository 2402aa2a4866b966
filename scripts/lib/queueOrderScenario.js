'use strict';
// The queue-mode test's order scenario for one provider (scripts/queue.js): its order workflow
// (scripts/lib/queueWorkflows.js) published on the main; `distinct` webhook calls at once, each a
// distinct order; then, once the provider processed them, `repeats` calls at once that repeat an
// earlier order's reference. Checked: every call answered 200 with its order's status (a repeat
// with its original's), the sandbox holds exactly the cards of the distinct orders, and every
// execution succeeded on a worker.

const axios = require('axios');

const { log } = require('./log');
const { resetSandbox, getCounters, advanceClock } = require('./sandbox');
const { activationEndpoints, waitForExecutions, postWhenRegistered } = require('./n8nPublicApi');
const { QUEUE_PROVIDERS, orderWorkflow, webhookPath } = require('./queueWorkflows');

/** "12 error: <the error's message>" of an execution read with its data. */
function executionProblem(execution) {
	const error = execution.data && execution.data.resultData && execution.data.resultData.error;
	return `${execution.id} ${execution.status}${error ? `: ${error.message}${error.description ? ` — ${error.description}` : ''}` : ''}`;
}

/** What identifies an order in a status answer, to tell a repeat's answer is its original's. */
const orderIdentity = (status) => JSON.stringify([status.orderReference, status.bulkId, status.requested, status.cardIds]);

/**
 * Why a repeat's answer is wrong, or null: it is its original's status, or (a provider whose
 * repeat orders nothing and so has no status to read) a Create item that found all its cards.
 */
function repeatProblem(answer, original, cardsPerOrder) {
	if (answer.status !== 200) return `answered ${answer.status}: ${JSON.stringify(answer.data).slice(0, 300)}`;
	const found = answer.data && answer.data.alreadyExisted;
	if (found !== undefined) return found === cardsPerOrder ? null : `found ${found} of its ${cardsPerOrder} cards`;
	if (original.status === 200 && orderIdentity(answer.data) !== orderIdentity(original.data))
		return `answered ${orderIdentity(answer.data)}, its original ${orderIdentity(original.data)}`;
	return null;
}

/**
 * Runs the scenario for `provider` against the queue-mode n8n at `n8nUrl`. `ranBy()` answers the
 * map executionId → worker from the workers' logs. Answers { failures, figures }.
 */
async function runOrderScenario({ provider, n8nUrl, api, sandboxUrl, ranBy, step, distinct = 50, repeats = 10, cardsPerOrder = 5, runId = Date.now().toString(36) }) {
	const p = QUEUE_PROVIDERS[provider];
	const wf = orderWorkflow(provider);
	const failures = [];
	const fail = (message) => {
		failures.push(`${p.label}: ${message}`);
		log(`✗ ${p.label}: ${message}`);
	};
	const endpoints = activationEndpoints();
	const url = `${n8nUrl}/webhook/${webhookPath(provider)}`;
	const references = Array.from({ length: distinct }, (_, i) => `QUEUE-${provider.toUpperCase()}-${runId}-${String(i + 1).padStart(3, '0')}`);
	const figures = { provider: p.label, distinctOrders: distinct, repeatedOrders: repeats, cardsPerOrder };
	let published = false;
	try {
		await resetSandbox(sandboxUrl);
		// Qonto: strong customer authentication off, as for an API key without SCA (the sandbox's default asks for it).
		if (provider === 'qonto') await axios.post(`${sandboxUrl}/__admin/qonto/config`, { scaMode: 'off' });
		await step(`${p.label}: ${endpoints.on} "${wf.name}"`, async () => {
			const r = await api.post(`/workflows/${wf.id}/${endpoints.on}`, {});
			if (r.status !== 200) throw new Error(`${endpoints.on} answered ${r.status}: ${JSON.stringify(r.data)}`);
			published = true;
		});

		const answers = await step(`${p.label}: ${distinct} orders at once through the webhook`, async () => {
			const started = Date.now();
			const all = await Promise.all(references.map((ref) => postWhenRegistered(url, p.order(ref, cardsPerOrder))));
			figures.distinctSeconds = (Date.now() - started) / 1000;
			return all;
		});
		log(`  first answer: ${JSON.stringify(answers[0].data).slice(0, 400)}`);
		answers.forEach((answer, i) => {
			if (answer.status !== 200) fail(`order ${references[i]} answered ${answer.status}: ${JSON.stringify(answer.data).slice(0, 300)}`);
			else if (!answer.data || !answer.data.bulkId) fail(`order ${references[i]} answered no order status: ${JSON.stringify(answer.data).slice(0, 300)}`);
			// NymCard bulks carry no reference: its status cannot name the order.
			else if (answer.data.orderReference !== undefined && answer.data.orderReference !== references[i]) fail(`order ${references[i]} answered the status of ${answer.data.orderReference}`);
		});

		// A minute on: the provider has processed everything it accepted (Paysafe lists a bulk's
		// cards only then; a repeat before that could not see them: README, Paysafe "Nothing
		// twice"), and Qonto still keeps its idempotency keys (30 minutes).
		await advanceClock(sandboxUrl, 60 * 1000);
		const repeated = references.filter((_, i) => i % Math.max(1, Math.floor(distinct / repeats)) === 0).slice(0, repeats);
		const repeatAnswers = await step(`${p.label}: ${repeated.length} repeats of earlier orders at once`, async () => {
			const started = Date.now();
			const all = await Promise.all(repeated.map((ref) => postWhenRegistered(url, p.order(ref, cardsPerOrder))));
			figures.repeatSeconds = (Date.now() - started) / 1000;
			return all;
		});
		log(`  first repeat's answer: ${JSON.stringify(repeatAnswers[0] && repeatAnswers[0].data).slice(0, 400)}`);
		repeatAnswers.forEach((answer, i) => {
			const problem = repeatProblem(answer, answers[references.indexOf(repeated[i])], cardsPerOrder);
			if (problem) fail(`repeat of ${repeated[i]} ${problem}`);
		});

		const counters = (await getCounters(sandboxUrl))[provider] || {};
		figures.cardsAtSandbox = p.cardsCreated(counters);
		figures.cardsOrdered = distinct * cardsPerOrder;
		figures.duplicates = Math.max(0, figures.cardsAtSandbox - figures.cardsOrdered);
		figures.missing = Math.max(0, figures.cardsOrdered - figures.cardsAtSandbox);
		figures.tokenRequests = counters.tokenRequests;
		figures.requests = counters.requests;
		if (figures.cardsAtSandbox !== figures.cardsOrdered) fail(`the sandbox holds ${figures.cardsAtSandbox} cards for ${distinct} orders of ${cardsPerOrder} (${figures.cardsOrdered})`);

		const calls = distinct + repeated.length;
		const executions = await waitForExecutions(api, wf.id, calls, 120000);
		const workers = ranBy();
		figures.executions = executions.length;
		figures.succeeded = executions.filter((e) => e.status === 'success').length;
		figures.byWorker = {};
		for (const e of executions) {
			const who = workers.get(String(e.id)) || 'not a worker';
			figures.byWorker[who] = (figures.byWorker[who] || 0) + 1;
		}
		if (executions.length !== calls) fail(`${executions.length} executions for ${calls} calls`);
		if (figures.succeeded !== executions.length) fail(`${executions.length - figures.succeeded} execution(s) did not succeed: ${executions.filter((e) => e.status !== 'success').map(executionProblem).join('; ')}`);
		if (figures.byWorker['not a worker']) fail(`${figures.byWorker['not a worker']} execution(s) ran on no worker`);
		log(`${p.label}: ${figures.executions} executions (${JSON.stringify(figures.byWorker)}), ${figures.cardsAtSandbox} cards for ${figures.cardsOrdered} ordered, ${figures.tokenRequests ?? 'no'} token requests`);
	} catch (e) {
		fail(e.message);
	} finally {
		if (published) {
			const r = await api.post(`/workflows/${wf.id}/${endpoints.off}`, {}).catch((e) => ({ status: e.message }));
			if (r.status !== 200) fail(`${endpoints.off} answered ${r.status}`);
		}
	}
	return { failures, figures };
}

module.exports = { runOrderScenario };
