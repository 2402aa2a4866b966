'use strict';
// A workflow started by n8n's Webhook node, in a real, running n8n: publish it through the public
// API (scripts/lib/n8nPublicApi.js), call its production webhook as the outside system would, and check each answer, the alerts
// the sandbox's webhook catcher got, the sandbox's counters, and — for a workflow that handles card
// details — that n8n kept no execution and logged no secret. The scenario is the `webhook` key of
// the workflow's .expect.json:
//
// "webhook": {
//   "setup": [{ "nymcardCards": 2 }],      // after a sandbox reset: a submitted NymCard bulk of 2
//                                          //   cards; their details become {{cards.N.pan|expiry|cvv2}}
//   "calls": [{
//     "body": { "cardNumber": "{{cards.0.pan}}", … },   // POSTed to /webhook/<the Webhook node's path>
//     "status": 200,                       //   the answer's HTTP status
//     "response": { "linked": true },      //   fields the JSON answer has (compared as JSON)
//     "caught": { "slack": 1 }, "mentions": "EMP-1001"   // alerts of this call (scripts/lib/catcher.js)
//   }],
//   "sandbox": { "nymcard": { "cardsLinked": 2 } },     // counters after all calls (exact or {min,max})
//   "keepsNoExecutions": true              // n8n stored no execution of it, and its log shows no
// }                                        //   card number used in the calls

const fs = require('node:fs');
const path = require('node:path');

const axios = require('axios');

const { log } = require('./log');
const { SANDBOX_DEFAULTS: { NYMCARD }, resetSandbox, getCounters } = require('./sandbox');
const { caughtMessages, checkCaught } = require('./catcher');
const { matches, show, get } = require('./workflows');
const { activationEndpoints, createApiKey, publicApi, listExecutions, postWhenRegistered } = require('./n8nPublicApi');

/** Set-up steps: each returns values the calls may use. */
const SETUP = {
	/** A submitted NymCard bulk of N cards, ordered through NymCard's API; their details. */
	async nymcardCards(sandboxUrl, count) {
		const api = axios.create({ baseURL: `${sandboxUrl}${NYMCARD.basePath}`, headers: { apikey: NYMCARD.apiKey }, timeout: 10000 });
		const bulk = (await api.post('/bulkissuances', { card_product_id: NYMCARD.cardProductId, number_of_cards: count, currency: 'USD' })).data;
		await api.put(`/bulkissuances/${bulk.id}`, { status: 'SUBMITTED', currency: 'USD' });
		const cards = [];
		for (let index = 0; index < count; index++) {
			cards.push((await axios.get(`${sandboxUrl}/__admin/nymcard/bulks/${bulk.id}/cards/${index}/secrets`, { timeout: 10000 })).data);
		}
		return { cards };
	},
};

/** Replaces every `{{dotted.path}}` in the strings of `value` with the set-up's values. */
function fill(value, values) {
	if (typeof value === 'string')
		return value.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_m, dotted) => {
			const found = get(values, dotted);
			if (found === undefined) throw new Error(`webhook scenario: nothing set up for {{${dotted}}}`);
			return String(found);
		});
	if (Array.isArray(value)) return value.map((v) => fill(v, values));
	if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values)]));
	return value;
}

/**
 * The card numbers of the set-up: none may appear in n8n's log. (Expiry dates and CVV2s are too
 * short to search a log for without false alarms; the node's own tests scan for them.)
 */
function cardNumbers(values) {
	return (JSON.stringify(values).match(/"\d{12,19}"/g) || []).map((s) => s.slice(1, -1));
}

/**
 * Runs the scenario of `wf.expect.webhook` against a running n8n. Returns failures (empty =
 * passed). The workflow is unpublished again whatever happens.
 */
async function runWebhookScenario({ wf, n8nUrl, owner, sandboxUrl, step, n8nLogFile }) {
	const scenario = wf.expect.webhook;
	const failures = [];
	const fail = (message) => {
		failures.push(message);
		log(`✗ ${message}`);
	};
	const hook = wf.data.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	if (!hook) return ['webhook scenario: the workflow has no Webhook node'];

	const endpoints = activationEndpoints();
	const apiKey = await step('n8n API key for the public API', () => createApiKey(n8nUrl, owner));
	const api = publicApi(n8nUrl, apiKey.key);
	let published = false;
	const values = {};
	try {
		await step('webhook: sandbox reset and set-up', async () => {
			await resetSandbox(sandboxUrl);
			for (const action of scenario.setup || []) {
				const [name, argument] = Object.entries(action)[0];
				if (!SETUP[name]) throw new Error(`unknown webhook set-up step ${name}`);
				Object.assign(values, await SETUP[name](sandboxUrl, argument));
			}
		});
		await step(`webhook: ${endpoints.on} ${path.basename(wf.file)} (public API)`, async () => {
			const r = await api.post(`/workflows/${wf.id}/${endpoints.on}`, {});
			if (r.status !== 200) throw new Error(`${endpoints.on} answered ${r.status}: ${JSON.stringify(r.data)}`);
			published = true;
		});
		const url = `${n8nUrl}/webhook/${hook.parameters.path}`;
		let seen = 0;
		for (const [i, rawCall] of (scenario.calls || []).entries()) {
			const call = fill(rawCall, values);
			const label = `call ${i + 1}`;
			await step(`webhook: ${label} (POST /webhook/${hook.parameters.path})`, async () => {
				const r = await postWhenRegistered(url, call.body);
				log(`  answered ${r.status}: ${JSON.stringify(r.data)}`);
				if (call.status !== undefined && r.status !== call.status) fail(`${label}: answered ${r.status}, expected ${call.status}: ${JSON.stringify(r.data)}`);
				for (const [field, want] of Object.entries(call.response || {})) {
					if (!matches(r.data && r.data[field], want)) fail(`${label}: answer has ${field}=${JSON.stringify(r.data && r.data[field])}, expected ${show(want)}`);
				}
				const messages = await caughtMessages(sandboxUrl);
				const fresh = messages.slice(seen);
				seen = messages.length;
				for (const f of checkCaught(fresh, call, label)) fail(f);
				for (const m of fresh) log(`  caught on ${m.channel}: ${JSON.stringify(m.body)}`);
			});
		}
		const counters = await getCounters(sandboxUrl);
		for (const [provider, wanted] of Object.entries(scenario.sandbox || {})) {
			for (const [counter, want] of Object.entries(wanted)) {
				const actual = (counters[provider] || {})[counter];
				if (!matches(actual, want)) fail(`sandbox ${provider}.${counter} = ${JSON.stringify(actual)}, expected ${show(want)}`);
			}
		}
		if (scenario.keepsNoExecutions) {
			const kept = await listExecutions(api, wf.id);
			if (kept.length) fail(`n8n kept ${kept.length} execution(s) of a workflow that handles card details`);
			const logText = n8nLogFile && fs.existsSync(n8nLogFile) ? fs.readFileSync(n8nLogFile, 'utf8') : '';
			const leaked = cardNumbers(values).filter((secret) => logText.includes(secret));
			if (leaked.length) fail(`n8n's log shows ${leaked.length} card number(s) used in the calls`);
		}
	} catch (e) {
		fail(`webhook scenario: ${e.message}`);
	} finally {
		if (published) {
			const r = await api.post(`/workflows/${wf.id}/${endpoints.off}`, {}).catch((e) => ({ status: e.message }));
			if (r.status !== 200) fail(`${endpoints.off} answered ${r.status}`);
			else log(`webhook: "${wf.name}": ${endpoints.off} done`);
		}
		await apiKey.revoke().catch(() => {});
	}
	return failures;
}

module.exports = { runWebhookScenario };
