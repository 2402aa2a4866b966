#!/usr/bin/env node
'use strict';
// npm start — the demo: a real n8n (2.41.0 on Node 24; BULK_CARDS_N8N_VERSION for another, e.g.
// 1.123.81 on Node 20 — see README "Supported n8n versions") with this package installed the way n8n
// installs community packages, the provider sandbox, its credentials and the example workflows.
//
//   npm start                      build, start sandbox + n8n, print URLs and the owner login
//   npm start -- --fresh           start from an empty n8n user folder
//   npm start -- --port 5690       editor port (default 5688, or N8N_DEMO_PORT)
//   npm start -- --sandbox-port N  sandbox port (default: any free port)
//   npm start -- --no-build        skip `npm run build` (use the current dist/)
//   npm start -- --verbose         also stream n8n's and the sandbox's output here
// Ctrl-C stops n8n and the sandbox (every process this script started).
//
// Contract for example workflows (examples/workflows/*.json):
//   * the imported sandbox credentials have FIXED IDs (scripts/lib/sandbox.js sandboxCredentials):
//     nymCardApi `nymcardSandboxCred1` ("NymCard sandbox"), qontoApi `qontoSandboxKeyCred1`
//     ("Qonto sandbox (API key)"), qontoOAuth2Api `qontoSandboxOAuthCred` ("Qonto sandbox (OAuth2)");
//     reference them in workflow nodes as, e.g.,
//       "credentials": { "nymCardApi": { "id": "nymcardSandboxCred1", "name": "NymCard sandbox" } }
//   * node types are `n8n-nodes-bulk-cards.<node name>` (e.g. n8n-nodes-bulk-cards.nymCard), never CUSTOM.*
//   * a workflow without an "id" gets a stable one derived from its file name (max 21 characters).
//   * `__SANDBOX_URL__` in any string is replaced with the running sandbox's URL at import (e.g. the
//     trigger example's alert steps post to `__SANDBOX_URL__/__catcher/slack`, the webhook catcher).
//   * the sidecar <name>.expect.json is used by `npm run test:e2e` (format: scripts/lib/workflows.js).
//
// Environment: BULK_CARDS_CACHE (cache root, default ~/.cache/n8n-nodes-bulk-cards; the demo user
// folder is <cache>/demo-user, or demo-user-<version> for another n8n), BULK_CARDS_N8N_VERSION, N8N_DEMO_PORT, N8N_DEMO_EMAIL, N8N_DEMO_PASSWORD.
// Testing hooks: BULK_CARDS_PACKAGE_DIR (package to build and pack instead of this project),
// BULK_CARDS_WORKFLOWS_DIR (instead of examples/workflows), BULK_CARDS_SANDBOX_ENTRY (a JS file run
// instead of .dev-dist/sandbox/main.js, no tsc).

const fs = require('node:fs');
const path = require('node:path');

const P = require('./lib/paths');
const { log, warn, step, printTimings } = require('./lib/log');
const { run, installCleanup, isShuttingDown, stopAll, aliveGroups } = require('./lib/proc');
const { ensureN8n } = require('./lib/n8nInstall');
const { npmCliPath } = require('./lib/npm');
const { packPackage, installPackageIntoUserFolder, registerInstalledPackage } = require('./lib/packageInstall');
const { importCredentials, importWorkflow } = require('./lib/n8nCli');
const { makeOwner, startN8n } = require('./lib/n8nServer');
const sb = require('./lib/sandbox');
const wfs = require('./lib/workflows');


function parseArgs(argv) {
	const a = { port: Number(process.env.N8N_DEMO_PORT) || 5688, sandboxPort: 0, fresh: false, build: true, verbose: false };
	for (let i = 0; i < argv.length; i++) {
		const k = argv[i];
		const val = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${k} needs a value`);
			return v;
		};
		if (k === '--port') a.port = Number(val());
		else if (k === '--sandbox-port') a.sandboxPort = Number(val());
		else if (k === '--fresh') a.fresh = true;
		else if (k === '--no-build') a.build = false;
		else if (k === '--verbose') a.verbose = true;
		else if (k === '--help' || k === '-h') {
			console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(2, 12).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
			process.exit(0);
		} else throw new Error(`unknown argument ${k} (see --help)`);
	}
	if (!Number.isInteger(a.port) || a.port <= 0 || a.port === 5679) throw new Error(`bad --port ${a.port} (5679 is n8n's task broker port)`);
	return a;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const cleanup = installCleanup(async () => {
		await stopAll();
		const left = aliveGroups();
		if (left.length) warn(`process groups still alive: ${left.join(', ')}`);
	});
	const userFolder = P.DEMO_USER_FOLDER;

	// n8n (cold: a few minutes) installs while the package and the sandbox build.
	const n8nReady = step(`ensure n8n ${P.N8N_VERSION} + its Node`, () => ensureN8n());
	n8nReady.catch(() => {});
	// The package and the sandbox build side by side (two compilers, two cores).
	await Promise.all([
		args.build
			? step('npm run build', () => run(process.execPath, [npmCliPath(), 'run', 'build'], { cwd: P.PACKAGE_DIR, inherit: true }))
			: undefined,
		step('build sandbox (tsc -p tsconfig.dev.json)', () => sb.buildSandbox()),
	]);
	fs.mkdirSync(userFolder, { recursive: true });
	const sandbox = await step('start sandbox', () =>
		sb.startSandbox({ port: args.sandboxPort, logFile: path.join(userFolder, 'sandbox.log'), echo: args.verbose }),
	);
	await n8nReady;

	if (args.fresh) {
		await step('reset demo user folder', async () => {
			fs.rmSync(path.join(userFolder, '.n8n'), { recursive: true, force: true });
		});
	}
	const pack = await step('npm pack', () => packPackage({ projectDir: P.PACKAGE_DIR }));
	const installed = await step(`install ${pack.name}@${pack.version} into .n8n/nodes`, () =>
		installPackageIntoUserFolder(userFolder, pack.tarball),
	);
	fs.rmSync(path.dirname(pack.tarball), { recursive: true, force: true });

	const credentials = sb.sandboxCredentials(sandbox.url);
	await step(`import the sandbox credentials (${credentials.map((c) => c.name).join(', ')})`, () =>
		importCredentials(credentials, { userFolder }),
	);
	await step('register package in installed_packages', () => registerInstalledPackage(userFolder, installed)).catch((e) => warn(`could not register the package in the DB (the nodes still load): ${e.message}`));

	const files = wfs.listWorkflowFiles(P.WORKFLOWS_DIR);
	const imported = [];
	if (files.length === 0) warn('no example workflows in examples/workflows/ — the editor starts empty');
	for (const file of files) {
		const wf = wfs.loadWorkflow(file, installed.name, { sandboxUrl: sandbox.url });
		for (const p of wf.problems) warn(`${path.basename(file)}: ${p}`);
		imported.push(wf);
	}
	// One CLI call for all of them: each n8n command spends seconds starting up.
	if (imported.length > 0) {
		await step(`import ${imported.length} example workflow(s)`, () =>
			importWorkflow(
				imported.map((wf) => wf.data),
				{ userFolder },
			),
		);
	}

	const owner = makeOwner({
		email: process.env.N8N_DEMO_EMAIL || 'demo@bulk-cards.test',
		password: process.env.N8N_DEMO_PASSWORD || 'BulkCards-demo1',
	});
	const n8n = await step(`start n8n on port ${args.port}`, () =>
		startN8n({ port: args.port, userFolder, owner, echo: args.verbose, logFile: path.join(userFolder, 'n8n.log') }),
	);
	printTimings('Start-up timings');

	console.log('');
	console.log('  n8n-nodes-bulk-cards demo is running');
	console.log(`  Editor:      ${n8n.url}`);
	console.log(`  Login:       ${owner.email} / ${owner.password}`);
	console.log(`  Sandbox:     ${sandbox.url}   (providers: ${sandbox.url}/ ; admin API described in sandbox/README.md)`);
	console.log(`  Credentials: ${credentials.map((c) => c.name).join(', ')}   (already filled in)`);
	console.log(`  Counters:    ${sandbox.url}/__admin/counters`);
	console.log(`  Alerts:      ${sandbox.url}/__admin/catcher   (what the example workflows posted to their stand-ins for Slack and email)`);
	for (const wf of imported) console.log(`  Workflow:    ${n8n.url}/workflow/${wf.id}   ${wf.name}`);
	console.log(`  Node types:  ${installed.nodeTypes.join(', ')}`);
	console.log(`  Logs:        ${n8n.logFile}, ${sandbox.logFile}`);
	console.log(`  User folder: ${userFolder}   (npm start -- --fresh to reset)`);
	console.log('  Press Ctrl-C to stop n8n and the sandbox.');
	console.log('');

	// Run until Ctrl-C, or until a child dies on its own.
	const first = await Promise.race([n8n.service.exited.then((r) => ['n8n', r]), sandbox.service.exited.then((r) => ['sandbox', r])]);
	if (isShuttingDown()) return; // Ctrl-C: the signal handler finishes and exits
	warn(`${first[0]} exited unexpectedly (${first[1].code ?? first[1].signal}); stopping everything`);
	await cleanup();
	process.exit(1);
}

main().catch(async (e) => {
	if (isShuttingDown()) return;
	console.error(`[bulk-cards] npm start failed: ${e.message}`);
	await stopAll().catch(() => {});
	process.exit(1);
});
