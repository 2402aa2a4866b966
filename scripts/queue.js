#!/usr/bin/env node
'use strict';
// npm run test:queue — this package in n8n's queue mode, on loopback only:
//   1. npm run build; the sandbox; n8n 2.41.0 and Node 24 from the cache (scripts/lib/n8nInstall.js);
//      Redis and PostgreSQL from Debian's packages (apt-get install when missing, as root)
//   2. in one temporary folder: a Redis server, a PostgreSQL cluster, the provider sandbox, and a
//      user folder for each n8n instance with this package installed in it (`npm pack`, then as
//      n8n installs community packages)
//   3. the sandbox credentials, the order workflows (scripts/lib/queueWorkflows.js) and the trigger
//      example imported into PostgreSQL; one n8n main and two `n8n worker`s in queue mode
//   4. per provider (scripts/lib/queueOrderScenario.js): 50 orders at once through a published
//      Webhook → create → Get Status workflow, then 10 repeats of earlier orders: every call 200 with
//      its order's status, exactly the cards of the 50 orders at the sandbox, every execution a
//      success and run by a worker (their logs), token requests counted
//   5. the trigger → alert example published (scripts/lib/triggerScenario.js); n8n's main stopped
//      and started again around the second change, which is made while it is down: each change one
//      execution on a worker and one alert, none repeated or lost
//   6. figures printed and written to .n8n-queue/results.json; everything stopped (also on Ctrl-C),
//      the folder removed, no child process left
// Options: --no-build, --keep (keep the folder), --orders N (50), --repeats N (10), --cards N
// (cards per order, 5), --providers nymcard,qonto,paysafe,dintero, --no-trigger, --concurrency N
// (each worker's, 10), --n8n <x.y.z|floor|default> (as for the e2e; default 2.41.0).

const fs = require('node:fs');
const path = require('node:path');

const P = require('./lib/paths');
const { log, step, printTimings, printTable } = require('./lib/log');
const { run, isShuttingDown, freePort } = require('./lib/proc');
const { startRun, tearDown, reportOutcome, runMain } = require('./lib/testRun');
const { ensureN8n } = require('./lib/n8nInstall');
const { npmCliPath } = require('./lib/npm');
const { packPackage, installPackageIntoUserFolder } = require('./lib/packageInstall');
const { importCredentials, importWorkflow } = require('./lib/n8nCli');
const { makeOwner } = require('./lib/n8nServer');
const { createApiKey, publicApi, listExecutions } = require('./lib/n8nPublicApi');
const { ensureQueuePrograms, startRedis, startPostgres } = require('./lib/queueServices');
const { queueSettings, startMain, startWorker, whoRanWhat } = require('./lib/n8nQueue');
const { QUEUE_PROVIDERS, orderWorkflow } = require('./lib/queueWorkflows');
const { runOrderScenario } = require('./lib/queueOrderScenario');
const { runTriggerScenario } = require('./lib/triggerScenario');
const sb = require('./lib/sandbox');
const wfs = require('./lib/workflows');
const { describeMachine, machineLine } = require('./lib/machine');

const TRIGGER_EXAMPLE = 'trigger-alert.json';
const WORKERS = 2;

function parseArgs(argv) {
	const a = { build: true, keep: false, orders: 50, repeats: 10, cards: 5, providers: Object.keys(QUEUE_PROVIDERS), trigger: true, concurrency: 10, n8n: null };
	const count = (k, v) => {
		const n = Number(v);
		if (!Number.isInteger(n) || n < 0) throw new Error(`${k} needs a whole number`);
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const k = argv[i];
		if (k === '--no-build') a.build = false;
		else if (k === '--keep') a.keep = true;
		else if (k === '--no-trigger') a.trigger = false;
		else if (k === '--orders') a.orders = count(k, argv[++i]);
		else if (k === '--repeats') a.repeats = count(k, argv[++i]);
		else if (k === '--cards') a.cards = count(k, argv[++i]);
		else if (k === '--concurrency') a.concurrency = count(k, argv[++i]);
		else if (k === '--n8n') {
			a.n8n = argv[++i];
			if (!a.n8n) throw new Error('--n8n needs a version (x.y.z, floor or default)');
		}
		else if (k === '--providers') {
			a.providers = String(argv[++i] || '').split(',').filter(Boolean);
			const unknown = a.providers.filter((p) => !QUEUE_PROVIDERS[p]);
			if (unknown.length) throw new Error(`unknown provider(s) ${unknown.join(', ')} (known: ${Object.keys(QUEUE_PROVIDERS).join(', ')})`);
		} else throw new Error(`unknown argument ${k}`);
	}
	if (a.repeats > a.orders) throw new Error('--repeats cannot be more than --orders');
	return a;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.n8n) P.selectN8n(args.n8n);
	const failures = [];
	const artifacts = P.QUEUE_ARTIFACTS_DIR;
	const root = startRun({ artifacts, tempPrefix: 'bulk-cards-queue-', keep: args.keep });
	const folder = (name) => path.join(root, name);
	const logFile = (name) => path.join(artifacts, `${name}.log`);
	const started = Date.now();
	const results = { n8n: P.N8N_VERSION, workers: WORKERS, workerConcurrency: args.concurrency, orders: [], trigger: null };

	let mainN8n = null;
	const workers = [];
	try {
		const n8nReady = step(`ensure n8n ${P.N8N_VERSION} + its Node`, () => ensureN8n());
		n8nReady.catch(() => {});
		const programs = await step('Redis and PostgreSQL (Debian packages)', () => ensureQueuePrograms());
		if (args.build) await step('npm run build', () => run(process.execPath, [npmCliPath(), 'run', 'build'], { cwd: P.PACKAGE_DIR, inherit: true }));
		await step('build sandbox', () => sb.buildSandbox());
		await n8nReady;

		const redis = await step('start Redis', () => startRedis({ redisServer: programs.redisServer, dir: folder('redis'), logFile: logFile('redis') }));
		const db = await step('start PostgreSQL', () => startPostgres({ postgresBin: programs.postgresBin, dir: folder('postgres'), logFile: logFile('postgres') }));
		log(`Redis on 127.0.0.1:${redis.port}, PostgreSQL on 127.0.0.1:${db.port} (database ${db.database})`);
		const sandbox = await step('start sandbox', () => sb.startSandbox({ port: 0, logFile: logFile('sandbox') }));
		const settings = queueSettings({ redis, db });

		const instances = ['main', ...Array.from({ length: WORKERS }, (_, i) => `worker-${i + 1}`)];
		const pack = await step('npm pack', () => packPackage({ projectDir: P.PACKAGE_DIR }));
		const installed = await step(`install the package on each instance (${instances.join(', ')})`, async () => {
			const all = [];
			for (const name of instances) all.push(await installPackageIntoUserFolder(folder(name), pack.tarball));
			return all[0];
		});
		fs.rmSync(path.dirname(pack.tarball), { recursive: true, force: true });

		const trigger = wfs.loadWorkflow(path.join(P.WORKFLOWS_DIR, TRIGGER_EXAMPLE), installed.name, { sandboxUrl: sandbox.url });
		await step('import the sandbox credentials into PostgreSQL', () => importCredentials(sb.sandboxCredentials(sandbox.url), { userFolder: folder('main'), env: settings }));
		await step('import the workflows', () =>
			importWorkflow([...args.providers.map((p) => orderWorkflow(p)), ...(args.trigger ? [trigger.data] : [])], { userFolder: folder('main'), env: settings }),
		);

		const owner = makeOwner({ email: 'queue@bulk-cards.test' });
		const port = await freePort();
		const startTheMain = () => startMain({ port, userFolder: folder('main'), owner, settings, logFile: logFile('main') });
		mainN8n = await step('start n8n main (queue mode)', startTheMain);
		for (let i = 1; i <= WORKERS; i++) {
			workers.push(await step(`start n8n worker-${i}`, () => startWorker({ name: `worker-${i}`, userFolder: folder(`worker-${i}`), settings, concurrency: args.concurrency, logFile: logFile(`worker-${i}`) })));
		}
		const ranBy = () => whoRanWhat(workers);

		const apiKey = await step('n8n API key', () => createApiKey(mainN8n.url, owner));
		const api = publicApi(mainN8n.url, apiKey.key);
		for (const provider of args.providers) {
			const r = await runOrderScenario({ provider, n8nUrl: mainN8n.url, api, sandboxUrl: sandbox.url, ranBy, step, distinct: args.orders, repeats: args.repeats, cardsPerOrder: args.cards });
			failures.push(...r.failures);
			results.orders.push(r.figures);
		}

		if (args.trigger) {
			let restarts = 0;
			// The second change is made while the main is down: the poll after its restart must find it.
			const makeChange = async (index, apply) => {
				if (index !== 1) return apply();
				await step('stop the n8n main', () => mainN8n.stop());
				await apply();
				mainN8n = await step('start the n8n main again', startTheMain);
				restarts += 1;
			};
			const triggerFailures = await runTriggerScenario({ wf: trigger, n8nUrl: mainN8n.url, owner, sandboxUrl: sandbox.url, step, makeChange });
			failures.push(...triggerFailures.map((f) => `trigger: ${f}`));
			const executions = await listExecutions(api, trigger.id);
			const workersOf = ranBy();
			const notOnWorker = executions.filter((e) => !workersOf.has(String(e.id)));
			if (notOnWorker.length) failures.push(`trigger: ${notOnWorker.length} execution(s) ran on no worker`);
			results.trigger = { changes: (trigger.expect.trigger.changes || []).length, executions: executions.length, mainRestarts: restarts, byWorker: countBy(executions.map((e) => workersOf.get(String(e.id)) || 'not a worker')) };
		}
		await apiKey.revoke().catch(() => {});

		await step('stop n8n, the sandbox, PostgreSQL and Redis', async () => {
			for (const w of workers) await w.stop();
			await mainN8n.stop();
			await sandbox.stop();
			await db.stop();
			await redis.stop();
		});
	} catch (e) {
		if (isShuttingDown()) return;
		failures.push(e.message);
	}

	await tearDown({ failures, folder: root, keep: args.keep });

	results.seconds = Math.round((Date.now() - started) / 1000);
	results.machine = describeMachine({ n8n: P.N8N_VERSION });
	fs.writeFileSync(path.join(artifacts, 'results.json'), JSON.stringify(results, null, 2));
	printSummary(results);
	printTimings('queue timings');
	reportOutcome('queue test', failures);
}

function countBy(values) {
	const counts = {};
	for (const v of values) counts[v] = (counts[v] || 0) + 1;
	return counts;
}

function printSummary(results) {
	log(`n8n ${results.n8n} in queue mode: 1 main + ${results.workers} workers (concurrency ${results.workerConcurrency} each), Redis, PostgreSQL`);
	const rows = results.orders.map((o) => [
		o.provider,
		`${o.distinctOrders} + ${o.repeatedOrders}`,
		`${o.succeeded}/${o.executions}`,
		Object.entries(o.byWorker || {}).map(([w, n]) => `${w} ${n}`).join(', '),
		`${o.distinctSeconds?.toFixed(1)} s + ${o.repeatSeconds?.toFixed(1)} s`,
		`${o.cardsAtSandbox}/${o.cardsOrdered}`,
		String(o.duplicates),
		o.tokenRequests === undefined ? '–' : String(o.tokenRequests),
	]);
	printTable('Orders through the webhook: the distinct ones at once, then the repeats', ['provider', 'orders + repeats', 'succeeded', 'ran on', 'time', 'cards', 'duplicates', 'token requests'], rows);
	if (results.trigger) log(`trigger: ${results.trigger.executions} executions for ${results.trigger.changes} changes, main restarted ${results.trigger.mainRestarts}×, ran on ${JSON.stringify(results.trigger.byWorker)}`);
	log(`total ${results.seconds} s on ${machineLine(results.machine)}`);
}

runMain('queue test', main);
