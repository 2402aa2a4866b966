#!/usr/bin/env node
'use strict';
// npm run bench -- --parts handbuilt (or node bench/handbuilt/run.js) — figures, never pass/fail.
//
// The same order run in the same real n8n (the cached n8n 2.41.0 on Node 24, `n8n execute`) two
// ways, against the sandbox with the same latency and rate limit:
//   node       this package's node (bench/handbuilt/<provider>-node.json), rate told
//   careful    the workflow a careful user builds from core nodes (<provider>-handbuilt.json):
//              Loop Over Items in provider-sized chunks → HTTP Request (Header Auth credential,
//              Retry On Fail: 5 tries, 1 s apart) → Wait 1/rate per call, with the provider's
//              idempotency header (NymCard x-nymos-idempotency-key, Qonto X-Qonto-Idempotency-Key)
//   naive      the same workflow without the idempotency header
// each under two scenarios: none, and "connection dropped after the provider processed 10 % of
// writes" (the card-creating calls: NymCard POST /bulkissuances, Qonto POST /cards/bulk; at least
// one, spread evenly as in the fault suite's matrix).
//
//   node bench/handbuilt/run.js [--providers nymcard,qonto] [--nymcard-cards 20000]
//     [--qonto-cards 10000] [--ways node,careful,naive] [--scenarios none,drop10] [--latency 50]
//     [--sandbox-port N] [--no-build] [--keep]
// Writes bench/results-handbuilt.json and prints one table. Everything on 127.0.0.1.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const axios = require('axios');

const ROOT = path.resolve(__dirname, '..', '..');
const lib = (name) => require(path.join(ROOT, 'scripts', 'lib', name));
const P = lib('paths');
const { log } = lib('log');
const { run, installCleanup, stopAll, aliveGroups } = lib('proc');
const { ensureN8n } = lib('n8nInstall');
const { npmCliPath } = lib('npm');
const { packPackage, installPackageIntoUserFolder, registerInstalledPackage } = lib('packageInstall');
const { runN8n, importCredentials, importWorkflow } = lib('n8nCli');
const sb = lib('sandbox');

const list = (text) => text.split(',').filter(Boolean);
function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}

/** What differs per provider. */
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
		prepare: async () => undefined,
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
		prepare: async (url) => {
			await axios.post(`${url}/__admin/qonto/config`, { scaMode: 'off' });
		},
	},
};

/** Header Auth credentials, as a user without this package would make them. */
function headerCredentials() {
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

/** The naive variant: the careful workflow without its idempotency header. */
function withoutIdempotency(workflow, id) {
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.id = id;
	copy.name = copy.name.replace('hand-built', 'hand-built, no idempotency key');
	for (const node of copy.nodes) {
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
async function readExecution(userFolder, workflowId) {
	const r = await run(
		P.NODE,
		[path.join(__dirname, 'readExecution.js'), path.join(userFolder, '.n8n', 'database.sqlite'), workflowId, path.join(P.N8N_DIR, 'node_modules', 'flatted')],
		{ allowFailure: true },
	);
	if (r.code !== 0) throw new Error(`reading the execution failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
	return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** What the workflow itself says about the order. */
function workflowSays(key, way, execution, rounds) {
	if (!execution.found) return { text: 'no execution saved', callsFailed: null };
	const error = execution.error ? `error in ${execution.error.node}: ${execution.error.message}` : null;
	if (way === 'node') {
		const outcomes = (execution.nodes.Order && execution.nodes.Order.outcomes) || {};
		const items = Object.values(outcomes).reduce((a, b) => a + b, 0);
		const text = Object.entries(outcomes)
			.map(([outcome, n]) => `${n} ${outcome}`)
			.join(', ');
		return { text: `${execution.status}${text ? `: ${text}` : ''}${error ? `; ${error}` : ''}`, callsFailed: items - (outcomes.created || 0) + (error ? 1 : 0) };
	}
	const last = execution.nodes[key === 'nymcard' ? 'Submit bulk' : 'Create 50 cards'];
	const done = last ? last.items : 0; // one item per round whose calls succeeded
	return { text: `${execution.status}, ${done} of ${rounds} rounds done${error ? `; ${error}` : ''}`, callsFailed: error ? 1 : 0 };
}

/** Cards at the sandbox and how many of them the order did not ask for. */
async function atSandbox(url, key, cards) {
	// The reads below must neither wait nor be limited.
	await axios.delete(`${url}/__admin/faults`);
	await axios.delete(`${url}/__admin/rate-limits`);
	const counters = (await axios.get(`${url}/__admin/counters`)).data[key];
	const requests = (await axios.get(`${url}/__admin/requests`, { params: { provider: key } })).data;
	const entries = Array.isArray(requests) ? requests : requests.requests || [];
	const dropsOnProcessed = entries.filter((e) => e.fault === 'dropAfterProcessing' && e.status >= 200 && e.status < 300).length;
	const dropsOn429 = entries.filter((e) => e.fault === 'dropAfterProcessing' && e.status === 429).length;
	const created = counters.cardsCreated;
	const arrivals = entries.map((e) => Date.parse(e.at)).sort((a, b) => a - b);
	const result = {
		requests: counters.requests,
		answered429: counters.rateLimited,
		cardsCreated: created,
		duplicates: Math.max(0, created - cards),
		missing: Math.max(0, cards - created),
		idempotentReplays: counters.idempotentReplays || 0,
		dropsOnProcessed,
		dropsOn429,
		// From the first request's arrival to the last one's, on the sandbox clock.
		firstRequestAt: arrivals.length ? arrivals[0] : null,
		lastRequestAt: arrivals.length ? arrivals[arrivals.length - 1] : null,
		requestSpanSeconds: arrivals.length > 1 ? Math.round((arrivals[arrivals.length - 1] - arrivals[0]) / 10) / 100 : 0,
	};
	if (key === 'nymcard') {
		result.bulksCreated = counters.bulksCreated;
		result.bulksSubmitted = counters.bulksSubmitted;
		// Cards in bulks created but never submitted (drafts nobody will submit).
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
		result.cardsInDrafts = bulks.filter((b) => b.status === 'DRAFT').reduce((sum, b) => sum + b.number_of_cards, 0);
	}
	return result;
}

function printTable(title, header, rows) {
	const widths = header.map((h, i) => Math.max(String(h).length, ...rows.map((row) => String(row[i]).length)));
	const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ');
	console.log(`\n${title}`);
	console.log(line(header));
	for (const row of rows) console.log(line(row));
}

async function main() {
	const providers = list(option('providers', 'nymcard,qonto'));
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
		await importCredentials([...sb.sandboxCredentials(sandbox.url), ...headerCredentials()], { userFolder });
		await registerInstalledPackage(userFolder, installed);

		const workflows = {};
		for (const key of providers) {
			const provider = PROVIDERS[key];
			const values = { sandboxUrl: sandbox.url, cards: provider.cards, rate: provider.limit, waitSeconds: provider.waitSeconds };
			const careful = loadWorkflow(path.join(__dirname, `${key}-handbuilt.json`), values);
			workflows[key] = {
				node: loadWorkflow(path.join(__dirname, `${key}-node.json`), values),
				careful,
				naive: withoutIdempotency(careful, `${careful.id}Naive`),
			};
		}
		await importWorkflow(
			Object.values(workflows).flatMap((w) => ways.map((way) => w[way])),
			{ userFolder },
		);

		for (const key of providers) {
			const provider = PROVIDERS[key];
			for (const scenario of scenarios) {
				for (const way of ways) {
					const workflow = workflows[key][way];
					const drops = await arrange(sandbox.url, provider, key, { latency, scenario });
					log(`${provider.label}, ${way}, ${scenario}: ${provider.cards} cards${drops.length ? `, drops at writes ${drops.join(', ')}` : ''} …`);
					const t0 = Date.now();
					const r = await runN8n(['execute', `--id=${workflow.id}`], { userFolder, timeoutMs: 1_800_000, allowFailure: true });
					const processSeconds = (Date.now() - t0) / 1000;
					const execution = await readExecution(userFolder, workflow.id);
					if (!execution.found) log(`no execution saved; n8n said:\n${(r.stdout + r.stderr).slice(-2000)}`);
					const executionSeconds =
						execution.startedAt && execution.stoppedAt ? (new Date(execution.stoppedAt) - new Date(execution.startedAt)) / 1000 : null;
					const sandboxFigures = await atSandbox(sandbox.url, key, provider.cards);
					const calls = provider.calls(provider.cards);
					const says = workflowSays(key, way, execution, provider.writes(provider.cards));
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
			r.cardsCreated + (r.cardsInDrafts ? ` (${r.cardsInDrafts} in unsubmitted drafts)` : ''),
			r.duplicates,
			r.missing,
			r.idempotentReplays,
			`${r.drops} (${r.dropsOnProcessed})`,
			r.workflowSays,
		]),
	);
	const machine = {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0] && os.cpus()[0].model,
		memoryGiB: Math.round(os.totalmem() / 2 ** 30),
		node: process.version,
		n8n: P.N8N_VERSION,
		platform: `${process.platform}-${process.arch}`,
	};
	const file = path.join(ROOT, 'bench', 'results-handbuilt.json');
	fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), wallMinutes: Math.round((Date.now() - started) / 6000) / 10, machine, results }, null, 2)}\n`);
	console.log(`\n[bench] written to ${path.relative(ROOT, file)} (${Math.round((Date.now() - started) / 1000)} s)`);
}

main().catch(async (e) => {
	console.error(e && e.stack ? e.stack : e);
	await stopAll();
	process.exit(1);
});
