#!/usr/bin/env node
'use strict';
// npm run bench -- --parts handbuilt (or node bench/handbuilt/run.js) — figures, never pass/fail.
//
// The same order run in the same real n8n (the cached n8n 2.41.0 on Node 24, `n8n execute`) two
// ways, against the sandbox with the same latency and rate limit:
//   node       this package's node (bench/handbuilt/<provider>-node.json), rate told
//   careful    the workflow a careful user builds from core nodes (<provider>-handbuilt.json):
//              Loop Over Items in provider-sized chunks → HTTP Request (Retry On Fail: 5 tries,
//              1 s apart) → Wait 1/rate per call, protected as far as the provider lets a user:
//              NymCard x-nymos-idempotency-key, Qonto X-Qonto-Idempotency-Key; Paysafe and Dintero
//              document no such header, so ids derived from the order (Paysafe externalId per
//              card, Dintero card_id, which Dintero refuses to create twice)
//   naive      the same workflow without that protection (no header; Paysafe orders by quantity,
//              Dintero gets random card ids made at each attempt)
// each under two scenarios: none, and "connection dropped after the provider processed 10 % of
// writes" (the card-creating calls: NymCard POST /bulkissuances, Qonto POST /cards/bulk, Paysafe
// POST …/prepaid/cards/bulk, Dintero POST …/wallets/cards/batch; at least one, spread evenly as in
// the fault suite's matrix).
//
//   node bench/handbuilt/run.js [--providers nymcard,qonto,paysafe,dintero] [--nymcard-cards 20000]
//     [--qonto-cards 10000] [--paysafe-cards 5000] [--dintero-cards 20000] [--ways node,careful,naive]
//     [--scenarios none,drop10] [--latency 50] [--sandbox-port N] [--no-build] [--keep]
// Writes bench/results-handbuilt.json and prints one table. Everything on 127.0.0.1.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const axios = require('axios');

const ROOT = path.resolve(__dirname, '..', '..');
const lib = (name) => require(path.join(ROOT, 'scripts', 'lib', name));
const P = lib('paths');
const { log, printTable } = lib('log');
const { run, installCleanup, stopAll, aliveGroups } = lib('proc');
const { ensureN8n } = lib('n8nInstall');
const { npmCliPath } = lib('npm');
const { packPackage, installPackageIntoUserFolder, registerInstalledPackage } = lib('packageInstall');
const { runN8n, importCredentials, importWorkflow } = lib('n8nCli');
const sb = lib('sandbox');
const { describeMachine } = lib('machine');

const list = (text) => text.split(',').filter(Boolean);
function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}

/** GET the sandbox's counters of one provider. */
/**
 * What differs per provider. `calls(cards, way)`: the requests a run that draws no 429 and loses
 * no answer makes; `lastNode`: the hand-built node whose items are the rounds that got through;
 * `naive`: parameters of the careful workflow's nodes that the naive one sends instead (besides
 * dropping any idempotency header); `reported`: numeric fields of the node's items to add up and
 * show, with their wording; `settle`: what to do before the sandbox's cards are counted;
 * `extra`: provider figures beside the counts, with a note for the table's "cards created".
 */
const PROVIDERS = {
	nymcard: {
		label: 'NymCard',
		limit: 2,
		perCall: 5000,
		defaultCards: 20000,
		// Create + submit per bulk.
		calls: (cards) => 2 * Math.ceil(cards / 5000),
		writes: (cards) => Math.ceil(cards / 5000),
		shape: (cards) => `${Math.ceil(cards / 5000)} bulks + ${Math.ceil(cards / 5000)} submits`,
		// Two calls a round (create, submit): 2 / limit seconds.
		waitSeconds: 1,
		write: { method: 'POST', pathRegex: '/bulkissuances$' },
		lastNode: 'Submit bulk',
		prepare: async () => undefined,
		// Cards in bulks created but never submitted (drafts nobody will submit).
		extra: async (url) => {
			const bulks = [];
			for (let after = null; ; ) {
				const page = (
					await axios.get(`${url}/nymcard/v1/bulkissuances`, {
						headers: { apikey: sb.NYMCARD_API_KEY },
						params: { limit: 100, ...(after ? { after } : {}) },
					})
				).data;
				bulks.push(...page.data);
				if (!page.paging.has_more) break;
				after = page.paging.after;
			}
			const cardsInDrafts = bulks.filter((b) => b.status === 'DRAFT').reduce((sum, b) => sum + b.number_of_cards, 0);
			return { cardsInDrafts, note: cardsInDrafts ? `${cardsInDrafts} in unsubmitted drafts` : '' };
		},
	},
	qonto: {
		label: 'Qonto',
		limit: 20,
		perCall: 50,
		defaultCards: 10000,
		calls: (cards) => Math.ceil(cards / 50),
		writes: (cards) => Math.ceil(cards / 50),
		shape: (cards) => `${Math.ceil(cards / 50)} bulk calls of 50 (SCA off)`,
		waitSeconds: 0.05,
		write: { method: 'POST', pathRegex: '/cards/bulk$' },
		lastNode: 'Create 50 cards',
		prepare: async (url) => {
			await axios.post(`${url}/__admin/qonto/config`, { scaMode: 'off' });
		},
	},
	paysafe: {
		label: 'Paysafe',
		limit: 20,
		perCall: 50,
		defaultCards: 5000,
		// The bulk orders and the token; the node also reads the customer's cards once (none: one page).
		calls: (cards, way) => Math.ceil(cards / 50) + (way === 'node' ? 2 : 1),
		writes: (cards) => Math.ceil(cards / 50),
		shape: (cards) => `${Math.ceil(cards / 50)} bulk orders of 50 + token (node: + 1 read of the customer's cards)`,
		waitSeconds: 0.05,
		write: { method: 'POST', pathRegex: '/prepaid/cards/bulk$' },
		lastNode: 'Order 50 cards',
		// Orders by quantity, without the cards' external ids.
		naive: {
			'Order 50 cards': {
				jsonBody:
					"={{ JSON.stringify({ quantity: $input.all().length, programName: 'PHYSICAL-MC-EEA', currency: 'EUR', userAgent: 'n8n-bench-handbuilt/1.0', deliveryAddress: { address1: 'Tsarigradsko Shose 73', city: 'Sofia', countryCode: 'BG', postalCode: '1000' } }) }}",
			},
		},
		prepare: async () => undefined,
		// Paysafe creates a bulk's cards when it has processed it (3 s after accepting it, on the
		// sandbox clock): move the clock an hour on, so that every accepted bulk is counted.
		settle: async (url) => {
			await axios.post(`${url}/__admin/clock/advance`, { ms: 3_600_000 });
		},
		extra: async (url, counters) => ({
			duplicateExternalIds: counters.duplicateExternalIds,
			note: counters.duplicateExternalIds ? `${counters.duplicateExternalIds} repeat an external id` : '',
		}),
	},
	dintero: {
		label: 'Dintero',
		limit: 20,
		perCall: 1000,
		defaultCards: 20000,
		// The batches and the token; the node also looks each batch's 1000 card ids up first (GETs of 100).
		calls: (cards, way) => Math.ceil(cards / 1000) + 1 + (way === 'node' ? Math.ceil(cards / 100) : 0),
		writes: (cards) => Math.ceil(cards / 1000),
		shape: (cards) => `${Math.ceil(cards / 1000)} batches of 1000 + token (node: + ${Math.ceil(cards / 100)} card-id look-ups)`,
		waitSeconds: 0.05,
		write: { method: 'POST', pathRegex: '/wallets/cards/batch$' },
		lastNode: 'Create 1000 cards',
		// What the node's items report besides their outcome: cards it found created but whose PIN and
		// token it never saw (Dintero shows them only in the answer that creates the cards).
		reported: { cardsWithoutPinAndToken: 'cards without PIN and token' },
		// A new random card_id per card at every attempt: nothing for Dintero to recognise.
		naive: {
			'Create 1000 cards': {
				jsonBody:
					"={{ JSON.stringify({ cards: $input.all().map((item) => ({ card_id: 'card-' + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2), type: item.json.type })) }) }}",
			},
		},
		prepare: async () => undefined,
		extra: async (url, counters) => ({
			duplicatesRefused: counters.duplicatesRefused,
			batchesRefused: counters.batchesRefused,
			note: counters.batchesRefused ? `${counters.batchesRefused} repeated batches refused` : '',
		}),
	},
};

/**
 * The credentials a user without this package makes: Header Auth (NymCard's API key, Qonto's
 * bearer token), n8n's OAuth2 credential with Client Credentials (Paysafe: its token endpoint takes
 * what n8n sends), Basic Auth for Dintero's token endpoint (the token is then fetched by hand).
 */
function handBuiltCredentials(sandboxUrl) {
	const { PAYSAFE, DINTERO } = sb.SANDBOX_DEFAULTS;
	return [
		{
			id: 'benchNymCardHeader',
			name: 'NymCard sandbox (Header Auth)',
			type: 'httpHeaderAuth',
			data: { name: 'apikey', value: sb.NYMCARD_API_KEY },
		},
		{
			id: 'benchQontoHeader',
			name: 'Qonto sandbox (Header Auth, bearer token)',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: 'Bearer qonto-sandbox-demo-access-token' },
		},
		{
			id: 'benchPaysafeOAuth2',
			name: 'Paysafe sandbox (OAuth2, client credentials)',
			type: 'oAuth2Api',
			data: {
				grantType: 'clientCredentials',
				accessTokenUrl: `${sandboxUrl}${PAYSAFE.basePath}/auth/brands/${PAYSAFE.brand}/token`,
				clientId: PAYSAFE.clientId,
				clientSecret: PAYSAFE.clientSecret,
				scope: '',
				authentication: 'header',
			},
		},
		{
			id: 'benchDinteroBasic',
			name: 'Dintero sandbox API client (Basic Auth)',
			type: 'httpBasicAuth',
			data: { user: DINTERO.clientId, password: DINTERO.clientSecret },
		},
	];
}

/** Placeholders: `__SANDBOX_URL__`, `__CARDS__` inside strings; `"__RATE__"`, `"__WAIT_SECONDS__"` whole values. */
function loadWorkflow(file, values) {
	const fill = (value) => {
		if (typeof value === 'string') {
			if (value === '__RATE__') return values.rate;
			if (value === '__WAIT_SECONDS__') return values.waitSeconds;
			if (value === '__CARDS__') return values.cards;
			return value.replaceAll('__SANDBOX_URL__', values.sandboxUrl).replaceAll('__CARDS__', String(values.cards));
		}
		if (Array.isArray(value)) return value.map(fill);
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
		return value;
	};
	return fill(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** The naive variant: the careful workflow without its idempotency header, with the provider's `naive` parameters. */
function naiveVariant(workflow, id, parameters = {}) {
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.id = id;
	copy.name = copy.name.replace('hand-built', 'hand-built, naive');
	for (const node of copy.nodes) {
		Object.assign(node.parameters, parameters[node.name]);
		const headers = node.parameters.headerParameters;
		if (!headers) continue;
		headers.parameters = headers.parameters.filter((h) => !/idempotency/i.test(h.name));
		if (headers.parameters.length === 0) {
			delete node.parameters.headerParameters;
			node.parameters.sendHeaders = false;
		}
	}
	return copy;
}

/**
 * One run's copy of a workflow, with credentials of its own (ids suffixed): n8n keeps a token it
 * fetched in the credential, and the sandbox reset before each run revokes it, so a credential
 * shared between runs would start every later run with a 401 and a new token.
 */
function forRun(workflow, suffix, credentialsById) {
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.id = `${workflow.id}${suffix}`;
	const credentials = [];
	for (const node of copy.nodes) {
		for (const ref of Object.values(node.credentials || {})) {
			const credential = credentialsById.get(ref.id);
			if (!credential) throw new Error(`${workflow.id}: no credential ${ref.id}`);
			ref.id = `${ref.id}${suffix}`;
			if (!credentials.some((c) => c.id === ref.id)) credentials.push({ ...credential, id: ref.id });
		}
	}
	return { workflow: copy, credentials };
}

/** Like the fault suite's spread(): `share` of `writes` (at least one), evenly spread, the first mid-stretch. */
function dropPositions(writes, share) {
	const count = Math.max(1, Math.round(writes * share));
	const stretch = writes / count;
	return Array.from({ length: count }, (_, k) => Math.floor(k * stretch + stretch / 2) + 1);
}

async function arrange(url, provider, key, { latency, scenario }) {
	await sb.resetSandbox(url);
	await provider.prepare(url);
	const admin = (p, body) => axios.post(`${url}/__admin${p}`, body);
	let drops = [];
	if (scenario === 'drop10') {
		drops = dropPositions(provider.writes(provider.cards), 0.1);
		// Rules are consulted in order; each counts only the requests that reach it (skip).
		for (const [index, position] of drops.entries()) {
			await admin('/faults', { kind: 'dropAfterProcessing', provider: key, ...provider.write, times: 1, skip: position - 1 - index });
		}
	}
	// After the drop rules: the first matching rule wins, and a dropped answer is not delayed.
	await admin('/faults', { kind: 'latency', provider: key, delayMs: latency, times: 1_000_000_000 });
	await admin('/rate-limits', { provider: key, limit: provider.limit, windowMs: 1000 });
	return drops;
}

/** The newest execution of a workflow as n8n saved it (bench/handbuilt/readExecution.js, on the Node n8n runs on). */
async function readExecution(userFolder, workflowId, sumFields = []) {
	const r = await run(
		P.NODE,
		[
			path.join(__dirname, 'readExecution.js'),
			path.join(userFolder, '.n8n', 'database.sqlite'),
			workflowId,
			path.join(P.N8N_DIR, 'node_modules', 'flatted'),
			sumFields.join(','),
		],
		{ allowFailure: true },
	);
	if (r.code !== 0) throw new Error(`reading the execution failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
	return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** An HTTP Request error item's message in short: `400 duplicate_card_id` from `400 - "{\"error\":{\"code\":…`. */
function shortError(message) {
	const status = /^(\d{3})\b/.exec(message);
	const code = /\\?"code\\?"\s*:\s*\\?"([^"\\]+)/.exec(message);
	return status && code ? `${status[1]} ${code[1]}` : message.slice(0, 80);
}

/** What the workflow itself says about the order. */
function workflowSays(provider, way, execution, rounds) {
	if (!execution.found) return { text: 'no execution saved', callsFailed: null };
	const error = execution.error ? `error in ${execution.error.node}: ${execution.error.message}` : null;
	if (way === 'node') {
		const order = execution.nodes.Order || { outcomes: {}, sums: {} };
		const items = Object.values(order.outcomes).reduce((a, b) => a + b, 0);
		const text = Object.entries(order.outcomes)
			.map(([outcome, n]) => `${n} ${outcome}`)
			.join(', ');
		const notice = Object.entries(order.sums)
			.map(([field, total]) => `; ${total} ${provider.reported[field]}`)
			.join('');
		return {
			text: `${execution.status}${text ? `: ${text}` : ''}${notice}${error ? `; ${error}` : ''}`,
			callsFailed: items - (order.outcomes.created || 0) + (error ? 1 : 0),
		};
	}
	// One item per round that got through; with On Error: Continue a failed round's item carries the error.
	const last = execution.nodes[provider.lastNode] || { items: 0, errorItems: 0, errors: [] };
	const done = last.items - last.errorItems;
	const failedRounds = last.errorItems ? `; ${last.errorItems} answered with an error (${shortError(last.firstItemError)})` : '';
	return {
		text: `${execution.status}, ${done} of ${rounds} rounds done${failedRounds}${error ? `; ${error}` : ''}`,
		callsFailed: last.errorItems + (error ? 1 : 0),
	};
}

/** Cards at the sandbox and how many of them the order did not ask for. */
async function atSandbox(url, key, provider) {
	// The reads below must neither wait nor be limited.
	await axios.delete(`${url}/__admin/faults`);
	await axios.delete(`${url}/__admin/rate-limits`);
	if (provider.settle) await provider.settle(url);
	const counters = (await sb.getCounters(url))[key];
	const requests = (await axios.get(`${url}/__admin/requests`, { params: { provider: key } })).data;
	const entries = Array.isArray(requests) ? requests : requests.requests || [];
	const dropsOnProcessed = entries.filter((e) => e.fault === 'dropAfterProcessing' && e.status >= 200 && e.status < 300).length;
	const dropsOn429 = entries.filter((e) => e.fault === 'dropAfterProcessing' && e.status === 429).length;
	const created = counters.cardsCreated;
	const arrivals = entries.map((e) => Date.parse(e.at)).sort((a, b) => a - b);
	return {
		requests: counters.requests,
		answered429: counters.rateLimited,
		cardsCreated: created,
		duplicates: Math.max(0, created - provider.cards),
		missing: Math.max(0, provider.cards - created),
		idempotentReplays: counters.idempotentReplays || 0,
		dropsOnProcessed,
		dropsOn429,
		// From the first request's arrival to the last one's, on the sandbox clock.
		firstRequestAt: arrivals.length ? arrivals[0] : null,
		lastRequestAt: arrivals.length ? arrivals[arrivals.length - 1] : null,
		requestSpanSeconds: arrivals.length > 1 ? Math.round((arrivals[arrivals.length - 1] - arrivals[0]) / 10) / 100 : 0,
		...(provider.extra ? await provider.extra(url, counters) : {}),
	};
}

async function main() {
	const providers = list(option('providers', Object.keys(PROVIDERS).join(',')));
	const ways = list(option('ways', 'node,careful,naive'));
	const scenarios = list(option('scenarios', 'none,drop10'));
	const latency = Number(option('latency', '50'));
	for (const key of providers) {
		if (!PROVIDERS[key]) throw new Error(`unknown provider ${key}: one of ${Object.keys(PROVIDERS).join(', ')}`);
		PROVIDERS[key].cards = Number(option(`${key}-cards`, String(PROVIDERS[key].defaultCards)));
	}
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-cards-handbuilt-'));
	const keep = process.argv.includes('--keep');
	installCleanup(async () => {
		await stopAll();
		if (!keep) fs.rmSync(userFolder, { recursive: true, force: true });
	});
	const started = Date.now();
	const results = [];
	let sandbox;
	try {
		const n8nReady = ensureN8n();
		if (!process.argv.includes('--no-build')) {
			log('npm run build');
			await run(process.execPath, [npmCliPath(), 'run', 'build'], { cwd: ROOT });
		}
		await sb.buildSandbox({ quiet: true });
		sandbox = await sb.startSandbox({ port: Number(option('sandbox-port', '0')) });
		log(`sandbox at ${sandbox.url}`);
		await n8nReady;
		const pack = await packPackage({ projectDir: ROOT });
		const installed = await installPackageIntoUserFolder(userFolder, pack.tarball);
		fs.rmSync(path.dirname(pack.tarball), { recursive: true, force: true });
		// Every run's workflow, with credentials of its own (forRun), imported at once (the credentials
		// first: that creates n8n's database, where the package is then registered).
		const credentialsById = new Map([...sb.sandboxCredentials(sandbox.url), ...handBuiltCredentials(sandbox.url)].map((c) => [c.id, c]));
		const runs = {};
		for (const key of providers) {
			const provider = PROVIDERS[key];
			const values = { sandboxUrl: sandbox.url, cards: provider.cards, rate: provider.limit, waitSeconds: provider.waitSeconds };
			const careful = loadWorkflow(path.join(__dirname, `${key}-handbuilt.json`), values);
			const base = {
				node: loadWorkflow(path.join(__dirname, `${key}-node.json`), values),
				careful,
				naive: naiveVariant(careful, `${careful.id}Naive`, provider.naive),
			};
			for (const scenario of scenarios) for (const way of ways) runs[`${key}/${scenario}/${way}`] = forRun(base[way], `-${way}-${scenario}`, credentialsById);
		}
		const all = Object.values(runs);
		await importCredentials(all.flatMap((r) => r.credentials), { userFolder });
		await registerInstalledPackage(userFolder, installed);
		await importWorkflow(all.map((r) => r.workflow), { userFolder });

		for (const key of providers) {
			const provider = PROVIDERS[key];
			for (const scenario of scenarios) {
				for (const way of ways) {
					const { workflow } = runs[`${key}/${scenario}/${way}`];
					const drops = await arrange(sandbox.url, provider, key, { latency, scenario });
					log(`${provider.label}, ${way}, ${scenario}: ${provider.cards} cards${drops.length ? `, drops at writes ${drops.join(', ')}` : ''} …`);
					const t0 = Date.now();
					const r = await runN8n(['execute', `--id=${workflow.id}`], { userFolder, timeoutMs: 1_800_000, allowFailure: true });
					const processSeconds = (Date.now() - t0) / 1000;
					const execution = await readExecution(userFolder, workflow.id, Object.keys(provider.reported || {}));
					if (!execution.found) log(`no execution saved; n8n said:\n${(r.stdout + r.stderr).slice(-2000)}`);
					const executionSeconds =
						execution.startedAt && execution.stoppedAt ? (new Date(execution.stoppedAt) - new Date(execution.startedAt)) / 1000 : null;
					const sandboxFigures = await atSandbox(sandbox.url, key, provider);
					const calls = provider.calls(provider.cards, way);
					const says = workflowSays(provider, way, execution, provider.writes(provider.cards));
					const result = {
						provider: key,
						way,
						scenario,
						cards: provider.cards,
						shape: provider.shape(provider.cards),
						limit: provider.limit,
						latencyMs: latency,
						drops: drops.length,
						calls,
						...sandboxFigures,
						retries: sandboxFigures.requests - calls,
						executionStatus: execution.status,
						executionSeconds: executionSeconds === null ? null : Math.round(executionSeconds * 100) / 100,
						processSeconds: Math.round(processSeconds * 10) / 10,
						callsFailed: says.callsFailed,
						workflowSays: says.text,
						nodeSeconds: Object.fromEntries(Object.entries(execution.nodes || {}).map(([name, n]) => [name, Math.round(n.executionMs / 10) / 100])),
						loadAverage: os.loadavg()[0].toFixed(2),
					};
					results.push(result);
					log(JSON.stringify(result));
				}
			}
		}
	} finally {
		if (sandbox) await sandbox.stop();
		await stopAll();
		if (!keep) fs.rmSync(userFolder, { recursive: true, force: true });
	}
	const left = aliveGroups();
	if (left.length) console.error(`child process groups still alive: ${left.join(', ')}`);

	printTable(
		`Hand-built vs this package's node in n8n ${P.N8N_VERSION} (n8n execute), ${latency} ms latency, provider rate limit; drop10 = connection dropped after the provider processed 10 % of card-creating writes`,
		['provider', 'scenario', 'way', 'cards', 'wall s', 'requests', '429s', 'retries', 'calls failed', 'cards created', 'duplicates', 'missing', 'replays', 'drops (processed)', 'the workflow says'],
		results.map((r) => [
			r.provider,
			r.scenario,
			r.way,
			r.cards,
			r.executionSeconds ?? '–',
			r.requests,
			r.answered429,
			r.retries,
			r.callsFailed ?? '–',
			r.cardsCreated + (r.note ? ` (${r.note})` : ''),
			r.duplicates,
			r.missing,
			r.idempotentReplays,
			`${r.drops} (${r.dropsOnProcessed})`,
			r.workflowSays,
		]),
	);
	const machine = describeMachine({ n8n: P.N8N_VERSION });
	const file = path.join(ROOT, 'bench', 'results-handbuilt.json');
	fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), wallMinutes: Math.round((Date.now() - started) / 6000) / 10, machine, results }, null, 2)}\n`);
	console.log(`\n[bench] written to ${path.relative(ROOT, file)} (${Math.round((Date.now() - started) / 1000)} s)`);
}

main().catch(async (e) => {
	console.error(e && e.stack ? e.stack : e);
	await stopAll();
	process.exit(1);
});
