#!/usr/bin/env node
'use strict';
// npm run test:e2e — end to end against a real n8n (default 2.41.0 on Node 24; `--n8n <version>`
// for another, e.g. the floor 1.123.81 on Node 20), on loopback only:
//   1. npm run build; tsc -p tsconfig.dev.json (sandbox); n8n and the Node its `engines` asks for
//      from the cache (<cache>/n8n-<version>, <cache>/node<major>; installed on first use, ~5 min
//      cold; scripts/lib/n8nInstall.js)
//   2. a fresh sandbox on a free port, a fresh temporary N8N_USER_FOLDER
//   3. npm pack → installed into <user>/.n8n/nodes the way n8n installs community packages
//   4. import the NymCard sandbox credential (id nymcardSandboxCred1) and examples/workflows/*.json
//   5. for each workflow with a Manual Trigger: reset the sandbox, `n8n execute --id`, then check
//      the run and the sandbox counters against <name>.expect.json (format: scripts/lib/workflows.js)
//   6. `n8n start`, check the editor serves the package's node types and the credentials' connection
//      tests pass (and fail with a wrong secret)
//   7. for each workflow whose .expect.json has a `trigger` scenario (the Bulk Card Trigger → alert
//      chain): an API key, publish it through the public API (n8n 1.x: activate) (the activation's poll is the
//      baseline: no execution), make each change in the sandbox and wait for the next poll, then
//      read the executions through the public API: one per change, the trigger's items as expected,
//      each alert in the sandbox's webhook catcher exactly once, and a poll with no change starting
//      nothing; unpublish it and revoke the key (scripts/lib/triggerScenario.js; ~3 min: n8n polls
//      at most once a minute)
//   7b. for each workflow whose .expect.json has a `webhook` scenario (a Webhook node → NymCard
//      link → Slack): publish it, set up cards in the sandbox, POST to its production webhook as
//      the outside system would; check each answer, the alerts caught, the sandbox counters, and
//      that n8n kept no execution and logged no card number (scripts/lib/webhookScenario.js)
//   8. (when /usr/bin/chromium and playwright-core are available) the editor in headless Chromium
//      (scripts/editorTest.js): every example's nodes on the canvas, none unknown or badged; every
//      package node's panel renders for each resource/operation (trigger: provider/watch); light
//      and dark icons load; no console error/warning from the package; one example run with
//      "Execute workflow" shows the expected output. Screenshots in .n8n-e2e/editor/
//   9. stop everything, check no child process is left, print timings; exit 1 on any failure.
// Options: --no-build (use the current dist/), --no-screenshot (skip step 8), --require-screenshot
// (fail when step 8 cannot run: no chromium or playwright-core), --save-docs-screenshot (step 8
// also writes docs/try-it-canvas.png), --keep (keep the temp user folder), --port N (n8n editor
// port for step 6, default a free port), --n8n <version> (the n8n to test: x.y.z, `floor` = the
// oldest supported, paths.FLOOR_N8N_VERSION, or `default` = 2.41.0; default BULK_CARDS_N8N_VERSION,
// else 2.41.0). Artifacts (logs, run JSON, screenshots) go to .n8n-e2e/ (.n8n-e2e-<version>/ for
// another n8n).
// Env: BULK_CARDS_CACHE, BULK_CARDS_N8N_VERSION, BULK_CARDS_NODE_MAJOR (force Node 20, 22 or 24),
// plus the testing hooks listed in scripts/start.js.

const fs = require('node:fs');
const path = require('node:path');
const axios = require('axios');

const P = require('./lib/paths');
const { log, warn, step, printTimings } = require('./lib/log');
const { run, isShuttingDown, freePort } = require('./lib/proc');
const { startRun, tearDown, reportOutcome, runMain } = require('./lib/testRun');
const { ensureN8n } = require('./lib/n8nInstall');
const { npmCliPath } = require('./lib/npm');
const { packPackage, installPackageIntoUserFolder, registerInstalledPackage } = require('./lib/packageInstall');
const { importCredentials, importWorkflow, executeWorkflow } = require('./lib/n8nCli');
const { makeOwner, startN8n } = require('./lib/n8nServer');
const sb = require('./lib/sandbox');
const wfs = require('./lib/workflows');
const { runTriggerScenario } = require('./lib/triggerScenario');
const { caughtMessages } = require('./lib/catcher');
const { runWebhookScenario } = require('./lib/webhookScenario');


function parseArgs(argv) {
	const a = { build: true, screenshot: true, requireScreenshot: false, docsScreenshot: false, keep: false, port: 0, n8n: null };
	for (let i = 0; i < argv.length; i++) {
		const k = argv[i];
		if (k === '--no-build') a.build = false;
		else if (k === '--no-screenshot') a.screenshot = false;
		else if (k === '--require-screenshot') a.requireScreenshot = true;
		else if (k === '--save-docs-screenshot') a.docsScreenshot = true;
		else if (k === '--keep') a.keep = true;
		else if (k === '--port') a.port = Number(argv[++i]);
		else if (k === '--n8n') {
			a.n8n = argv[++i];
			if (!a.n8n) throw new Error('--n8n needs a version (x.y.z, floor or default)');
		}
		else throw new Error(`unknown argument ${k}`);
	}
	return a;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.n8n) P.selectN8n(args.n8n);
	const failures = [];
	const artifacts = P.E2E_ARTIFACTS_DIR;
	const userFolder = startRun({ artifacts, tempPrefix: 'bulk-cards-e2e-', keep: args.keep });
	let n8n = null;

	try {
		const n8nReady = step(`ensure n8n ${P.N8N_VERSION} + its Node`, () => ensureN8n());
		n8nReady.catch(() => {});
		if (args.build) {
			await step('npm run build', () => run(process.execPath, [npmCliPath(), 'run', 'build'], { cwd: P.PACKAGE_DIR, inherit: true }));
		}
		await step('build sandbox', () => sb.buildSandbox());
		const sandbox = await step('start sandbox', () => sb.startSandbox({ port: 0, logFile: path.join(artifacts, 'sandbox.log') }));
		log(`sandbox at ${sandbox.url}`);
		await n8nReady;

		const pack = await step('npm pack', () => packPackage({ projectDir: P.PACKAGE_DIR }));
		const installed = await step('install package into .n8n/nodes', () => installPackageIntoUserFolder(userFolder, pack.tarball));
		fs.rmSync(path.dirname(pack.tarball), { recursive: true, force: true });
		log(`${installed.name}@${installed.version}: node types ${installed.nodeTypes.join(', ')}; credentials ${installed.credentialTypes.join(', ')}`);
		if (installed.nodeTypes.some((t) => !t.startsWith(`${installed.name}.`))) failures.push(`unexpected node type prefix: ${installed.nodeTypes.join(', ')}`);

		await step('import the sandbox credentials', () => importCredentials(sb.sandboxCredentials(sandbox.url), { userFolder }));
		await step('register package in installed_packages', () => registerInstalledPackage(userFolder, installed));

		const files = wfs.listWorkflowFiles(P.WORKFLOWS_DIR);
		if (files.length === 0) throw new Error(`no workflows in ${P.WORKFLOWS_DIR}`);
		const workflows = [];
		for (const file of files) {
			const wf = wfs.loadWorkflow(file, installed.name, { sandboxUrl: sandbox.url });
			const base = path.basename(file);
			for (const p of wf.problems) failures.push(`${base}: ${p}`);
			if (wf.packageNodes.length === 0) warn(`${base} uses no node of ${installed.name}`);
			workflows.push(wf);
		}
		// One CLI call for all of them: each n8n command spends seconds starting up.
		if (workflows.length > 0) {
			await step(`import ${workflows.length} workflow(s)`, () =>
				importWorkflow(
					workflows.map((wf) => wf.data),
					{ userFolder },
				),
			);
		}

		for (const wf of workflows) {
			const base = path.basename(wf.file, '.json');
			if (wf.problems.length) {
				log(`${base}: not executed (node type problems above)`);
				continue;
			}
			if (!wf.executable) {
				if (wf.expect && (wf.expect.trigger || wf.expect.webhook)) log(`${base}: published in the running n8n below`);
				else log(`${base}: imported only (${wf.hasCliStart ? '"execute": false in its expect file' : 'no Manual Trigger, `n8n execute` cannot start it'})`);
				continue;
			}
			if (!wf.expect) warn(`${base}: no ${base}.expect.json — only generic checks (success, package nodes ran, no idempotent replays)`);
			await sb.resetSandbox(sandbox.url);
			let runData = null;
			try {
				runData = await step(`execute ${base}`, () => executeWorkflow(wf.id, { userFolder }));
			} catch (e) {
				failures.push(`${base}: ${e.message}`);
				if (e.result) fs.writeFileSync(path.join(artifacts, `${base}.execute.log`), `${e.result.stdout}\n--- stderr ---\n${e.result.stderr}`);
				if (e.run) fs.writeFileSync(path.join(artifacts, `${base}.run.json`), JSON.stringify(e.run, null, 2));
				continue;
			}
			fs.writeFileSync(path.join(artifacts, `${base}.run.json`), JSON.stringify(runData, null, 2));
			const counters = await sb.getCounters(sandbox.url);
			fs.writeFileSync(path.join(artifacts, `${base}.counters.json`), JSON.stringify(counters, null, 2));
			const caught = await caughtMessages(sandbox.url);
			for (const m of caught) log(`  caught on ${m.channel}: ${JSON.stringify(m.body)}`);
			const wfFailures = wfs.checkRun(wf, runData, counters, caught);
			// The counters of the providers this workflow's expectations name (all of them if none).
			const providers = Object.keys((wf.expect && wf.expect.sandbox) || counters);
			const summary = providers
				.map((name) => {
					const c = counters[name] || {};
					return `${name}: cardsCreated=${c.cardsCreated} idempotentReplays=${c.idempotentReplays} requests=${c.requests}`;
				})
				.join('; ');
			if (wfFailures.length) {
				for (const f of wfFailures) failures.push(`${base}: ${f}`);
				log(`✗ ${base}: ${wfFailures.length} check(s) failed (${summary})`);
			} else {
				log(`✓ ${base}: all checks passed (${summary})`);
			}
		}

		// The editor: node types served to the UI, and a screenshot.
		const port = args.port || (await freePort());
		const owner = makeOwner({ email: 'e2e@bulk-cards.test' });
		n8n = await step('start n8n', () => startN8n({ port, userFolder, owner, logFile: path.join(artifacts, 'n8n.log') }));
		let cookie = '';
		await step('editor knows the package node types', async () => {
			// Under load n8n answers /healthz and /rest/settings a little before logins and the
			// type lists work: ask again for up to 30 s.
			let types;
			for (const deadline = Date.now() + 30000; ; ) {
				try {
					const login = await axios.post(`${n8n.url}/rest/login`, { emailOrLdapLoginId: owner.email, password: owner.password });
					cookie = (login.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
					types = (await axios.get(`${n8n.url}/types/nodes.json`, { headers: { cookie } })).data;
				} catch (e) {
					if (Date.now() > deadline) throw e;
				}
				if (Array.isArray(types)) break;
				if (Date.now() > deadline) throw new Error(`/types/nodes.json did not answer a list within 30 s (got ${typeof types})`);
				await new Promise((resolve) => setTimeout(resolve, 1000));
			}
			const served = new Set(types.map((t) => t.name));
			const missing = installed.nodeTypes.filter((t) => !served.has(t));
			if (missing.length) throw new Error(`editor does not serve ${missing.join(', ')}`);
			const creds = (await axios.get(`${n8n.url}/types/credentials.json`, { headers: { cookie } })).data;
			const credMissing = installed.credentialTypes.filter((c) => !creds.some((t) => t.name === c));
			if (credMissing.length) throw new Error(`editor does not serve credential types ${credMissing.join(', ')}`);
		}).catch((e) => failures.push(e.message));

		await step('credential connection tests: the sandbox credentials pass, a wrong secret fails', async () => {
			const headers = { cookie };
			// Each credential with the field that, set wrong, must make its test fail. (The Qonto
			// OAuth2 credential is tested by connecting, as n8n does for OAuth2: the editor's test
			// call carries no token, so n8n answers "Unable to sign without access token".)
			const cases = [
				{ id: sb.SANDBOX_CREDENTIAL_IDS.nymCardApi, wrong: { apiKey: 'e2e-wrong-key' } },
				{ id: sb.SANDBOX_CREDENTIAL_IDS.qontoApi, wrong: { secretKey: 'e2e-wrong-secret' } },
				{ id: sb.SANDBOX_CREDENTIAL_IDS.paysafeApi, wrong: { clientSecret: 'e2e-wrong-secret' } },
				{ id: sb.SANDBOX_CREDENTIAL_IDS.dinteroApi, wrong: { clientSecret: 'e2e-wrong-secret' } },
			];
			for (const { id, wrong } of cases) {
				const saved = (await axios.get(`${n8n.url}/rest/credentials/${id}?includeData=true`, { headers })).data.data;
				const test = async (data) =>
					(await axios.post(`${n8n.url}/rest/credentials/test`, { credentials: { id: saved.id, name: saved.name, type: saved.type, data } }, { headers })).data.data;
				// As the editor sends it: secrets are blank placeholders that n8n fills in from the database.
				const accepted = await test(saved.data);
				if (accepted.status !== 'OK') throw new Error(`${saved.name} failed its connection test: ${accepted.message}`);
				const refused = await test({ ...saved.data, ...wrong });
				if (refused.status !== 'Error') throw new Error(`${saved.name} passed its connection test with a wrong ${Object.keys(wrong)[0]}`);
			}
		}).catch((e) => failures.push(e.message));

		// Trigger workflows: published in the running n8n, changes made in the sandbox, executions read.
		for (const wf of workflows.filter((w) => w.expect && w.expect.trigger && w.problems.length === 0)) {
			const base = path.basename(wf.file, '.json');
			const wfFailures = await runTriggerScenario({ wf, n8nUrl: n8n.url, owner, sandboxUrl: sandbox.url, step });
			for (const f of wfFailures) failures.push(`${base}: ${f}`);
			if (wfFailures.length) log(`✗ ${base}: ${wfFailures.length} check(s) failed`);
			else log(`✓ ${base}: one execution per change, each alert caught once, none without a change`);
		}

		// Webhook workflows: published, their webhook called as the outside system would.
		for (const wf of workflows.filter((w) => w.expect && w.expect.webhook && w.problems.length === 0)) {
			const base = path.basename(wf.file, '.json');
			const wfFailures = await runWebhookScenario({ wf, n8nUrl: n8n.url, owner, sandboxUrl: sandbox.url, step, n8nLogFile: path.join(artifacts, 'n8n.log') });
			for (const f of wfFailures) failures.push(`${base}: ${f}`);
			if (wfFailures.length) log(`✗ ${base}: ${wfFailures.length} check(s) failed`);
			else log(`✓ ${base}: every call answered as expected, alerts caught once each, no execution kept`);
		}

		// The editor in a real browser (scripts/editorTest.js): examples, every node's panel, icons, console, a UI run.
		const editorTest = require('./editorTest');
		const missing = args.screenshot ? editorTest.prerequisitesMissing() : 'disabled with --no-screenshot';
		if (missing) {
			const msg = `browser test skipped: ${missing}`;
			if (args.requireScreenshot) failures.push(msg);
			else warn(msg);
		} else {
			await step('editor in the browser (examples, node panels, icons, console, a run)', async () => {
				const r = await editorTest.runEditorTest({ url: n8n.url, email: owner.email, password: owner.password, sandboxUrl: sandbox.url, saveDocsScreenshot: args.docsScreenshot });
				for (const f of r.failures) failures.push(`editor: ${f}`);
			}).catch((e) => failures.push(`editor: ${e.message}`));
		}

		await step('stop n8n and sandbox', async () => {
			await n8n.stop();
			await sandbox.stop();
		});
	} catch (e) {
		if (isShuttingDown()) return;
		failures.push(e.message);
	}

	await tearDown({ failures, folder: userFolder, keep: args.keep });

	printTimings('e2e timings');
	log(`artifacts in ${path.relative(process.cwd(), artifacts) || artifacts}`);
	reportOutcome('e2e', failures);
}

runMain('e2e', main);
