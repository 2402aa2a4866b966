#!/usr/bin/env node
'use strict';
// The editor in a real browser (headless Debian Chromium via playwright-core, offline: requests
// to any host but n8n's are aborted), against a running n8n with this package, the sandbox
// credentials and the example workflows imported (npm start, or step 8 of npm run test:e2e):
//   1. every example workflow (examples/workflows/*.json, listed at run time): every node is on
//      the canvas with its type, none shows as not installed or with an issue/warning badge, each
//      package node shows its icon (loaded); a screenshot of each canvas
//   2. every node type of the package (from /types/nodes.json, without n8n's generated *Tool
//      variants), put into one new workflow: its parameter panel opens, and for every combination
//      of its selectors (options with noDataExpression: resource → operation, provider → watch)
//      each parameter the description shows renders (its label) and no parameter is flagged
//      except the required ones left empty (derived with n8n-workflow's NodeHelpers)
//   3. icons: each node's light and dark icon URL answers 200 with a non-empty image, and the
//      canvas shows the light one in the light theme, the dark one in the dark theme (localStorage
//      N8N_THEME, as n8n 2.41's editor reads it), loaded, and the light one next to each parameter
//      panel's title; a screenshot of each node per theme
//   4. the browser console: no error/warning, page error or failed request from the package
//      (scripts/lib/editor/consoleLog.js says how they are told apart); everything else is kept
//      in console.txt
//   5. one Manual Trigger example run with "Execute workflow" (sandbox reset first): every node
//      succeeds, and the last package node's output panel shows the item count and fields of its
//      <name>.expect.json
// Artifacts: .n8n-e2e/editor/*.png, console.txt, summary.json. With --save-docs-screenshot, a
// clean 1600×900 canvas of the README's "Try it" example goes to docs/try-it-canvas.png.
//
//   node scripts/editorTest.js --url http://127.0.0.1:5690 --sandbox-url http://127.0.0.1:8790
//        [--out .n8n-e2e/editor] [--run-example nymcard-branch-orders-alert] [--save-docs-screenshot]
//   login: N8N_EDITOR_EMAIL / N8N_EDITOR_PASSWORD (default: npm start's demo owner)
// Exit 1 on a failed check, 2 when chromium or playwright-core is missing.

const fs = require('node:fs');
const path = require('node:path');

const P = require('./lib/paths');
const wfs = require('./lib/workflows');
const sb = require('./lib/sandbox');
const { prerequisitesMissing, openEditorSession } = require('./lib/editor/browser');
const { openWorkflow, canvasProblems, iconProblems } = require('./lib/editor/canvas');
const { openNdv, closeNdv, selectOption, readPanel, headerIcon } = require('./lib/editor/ndv');
const { selectorCombinations, groupByPreset, expectedLabels, credentialTypeFor } = require('./lib/editor/combos');
const { iconUrlsOf, fetchIconProblems } = require('./lib/editor/icons');
const { makeClassifier, formatEvent } = require('./lib/editor/consoleLog');
const { runExampleFromUi } = require('./lib/editor/runExample');

const DOCS_SCREENSHOT = path.join(P.PROJECT_ROOT, 'docs', 'try-it-canvas.png');
/** The example of the README's "Try it": its canvas is the docs screenshot, and it is the one run from the editor. */
const TRY_IT_EXAMPLE = 'nymcard-branch-orders-alert';

function log(msg) {
	console.log(`[bulk-cards] editor: ${msg}`);
}

function slug(s) {
	return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
}

/** The package's node types as n8n serves them, without the *Tool variants n8n generates. */
async function packageNodeTypes(context, url, packageName) {
	const r = await context.request.get(`${url}/types/nodes.json`);
	if (!r.ok()) throw new Error(`/types/nodes.json: HTTP ${r.status()}`);
	const all = (await r.json()).filter((t) => t.name.startsWith(`${packageName}.`));
	const names = new Set(all.map((t) => t.name));
	const nodes = all.filter((t) => !(t.name.endsWith('Tool') && names.has(t.name.slice(0, -4))));
	// nodes.json may list a type once per version: keep the newest.
	const byName = new Map();
	for (const t of nodes) {
		const v = Math.max(...[].concat(t.version));
		if (!byName.has(t.name) || Math.max(...[].concat(byName.get(t.name).version)) < v) byName.set(t.name, t);
	}
	return [...byName.values()];
}

/** The package's credential type names (from its package.json `n8n.credentials` file names). */
function credentialTypeNames() {
	const pkg = require(path.join(P.PACKAGE_DIR, 'package.json'));
	return ((pkg.n8n && pkg.n8n.credentials) || [])
		.map((f) => path.basename(f).replace(/\.credentials\.js$/, ''))
		.map((f) => f.charAt(0).toLowerCase() + f.slice(1));
}

/**
 * Creates (REST, as the editor saves workflows) one workflow with a node per package type and
 * preset (see combos.js: auth field values the panel cannot switch), each with its sandbox
 * credential when one was imported. Returns { id, nodes: [{ name, type, desc, groups }] }.
 */
async function createAllNodesWorkflow(context, url, types) {
	const creds = await context.request.get(`${url}/rest/credentials`);
	const credName = new Map(creds.ok() ? (await creds.json()).data.map((c) => [c.id, c.name]) : []);
	const nodes = [];
	const instances = [];
	for (const t of types) {
		for (const group of groupByPreset(selectorCombinations(t))) {
			const base = (t.defaults && t.defaults.name) || t.displayName;
			const name = group.preset.length ? `${base} (${group.preset.map((p) => p.label).join(', ')})` : base;
			const credType = credentialTypeFor(t, group.combos[0].parameters);
			const credId = credType && sb.SANDBOX_CREDENTIAL_IDS[credType];
			const i = nodes.length;
			nodes.push({
				id: `editor-test-${i}`,
				name,
				type: t.name,
				typeVersion: Math.max(...[].concat(t.version)),
				position: [(i % 5) * 360, Math.floor(i / 5) * 280],
				parameters: Object.fromEntries(group.preset.map((p) => [p.name, p.value])),
				...(credId && credName.has(credId) ? { credentials: { [credType]: { id: credId, name: credName.get(credId) } } } : {}),
			});
			instances.push({ name, type: t.name, desc: t, group });
		}
	}
	const r = await context.request.post(`${url}/rest/workflows`, {
		data: { name: `Editor test: every node of the package (${new Date().toISOString()})`, nodes, connections: {}, settings: {} },
	});
	if (!r.ok()) throw new Error(`could not create the test workflow: HTTP ${r.status()} ${(await r.text()).slice(0, 300)}`);
	return { id: (await r.json()).data.id, nodes: instances };
}

async function deleteWorkflow(context, url, id) {
	await context.request.post(`${url}/rest/workflows/${id}/archive`).catch(() => {});
	await context.request.delete(`${url}/rest/workflows/${id}`).catch(() => {});
}

/**
 * Runs the whole editor test. Returns { failures: [string], summary }.
 * opts: { url, email, password, sandboxUrl, outDir, workflowsDir, packageName, runExample, saveDocsScreenshot }
 */
async function runEditorTest(opts) {
	const started = Date.now();
	const outDir = opts.outDir || path.join(P.E2E_ARTIFACTS_DIR, 'editor');
	fs.rmSync(outDir, { recursive: true, force: true });
	fs.mkdirSync(outDir, { recursive: true });
	const packageName = opts.packageName || require(path.join(P.PACKAGE_DIR, 'package.json')).name;
	const failures = [];
	const fail = (where, msg) => {
		failures.push(`${where}: ${msg}`);
		log(`✗ ${where}: ${msg.split('\n')[0]}`);
	};
	const summary = { examples: [], nodes: [], combinations: 0, iconsChecked: { light: 0, dark: 0 }, run: null, timings: {} };
	let sectionStart = Date.now();
	const section = (name) => {
		summary.timings[name] = Math.round((Date.now() - sectionStart) / 100) / 10;
		sectionStart = Date.now();
	};
	const shot = (name) => path.join(outDir, `${slug(name)}.png`);

	const session = await openEditorSession({ url: opts.url, email: opts.email, password: opts.password });
	let allNodesWf = null;
	try {
		const { context } = session;
		const page = await session.newPage();
		// Leaving a workflow with unsaved changes asks "leave the page?": yes.
		page.on('dialog', (d) => d.accept().catch(() => {}));

		const types = await packageNodeTypes(context, opts.url, packageName);
		if (types.length === 0) throw new Error(`n8n serves no node type of ${packageName}`);
		const iconUrls = Object.fromEntries(types.map((t) => [t.name, iconUrlsOf(t)]).filter(([, u]) => u));
		const classify = makeClassifier({ packageName, nodeDescriptions: types, credentialTypes: credentialTypeNames() });
		log(`${types.length} node types of ${packageName}: ${types.map((t) => t.name.split('.').pop()).join(', ')}`);

		// 1. Every example workflow on the canvas.
		const files = wfs.listWorkflowFiles(opts.workflowsDir || P.WORKFLOWS_DIR);
		const examples = files.map((f) => wfs.loadWorkflow(f, packageName, { sandboxUrl: opts.sandboxUrl }));
		if (examples.length === 0) fail('examples', 'no example workflows found');
		for (const wf of examples) {
			const base = path.basename(wf.file, '.json');
			session.phase(`example:${base}`);
			const expected = wf.data.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => ({ name: n.name, type: n.type }));
			try {
				const nodes = await openWorkflow(page, opts.url, wf.id, expected.map((n) => n.name));
				const problems = canvasProblems(nodes, expected, { iconUrls, theme: 'light' });
				await page.screenshot({ path: shot(`example-${base}`) });
				for (const p of problems) fail(`example ${base}`, p);
				summary.examples.push({ name: base, nodes: expected.length, problems: problems.length });
				if (!problems.length) log(`✓ example ${base}: ${expected.length} nodes on the canvas, no badge, icons loaded`);
			} catch (e) {
				await page.screenshot({ path: shot(`example-${base}.failed`) }).catch(() => {});
				fail(`example ${base}`, e.message);
			}
		}
		section('examples');
		if (opts.saveDocsScreenshot && examples.length) {
			session.phase('docs-screenshot');
			const tryIt = examples.find((w) => path.basename(w.file, '.json') === TRY_IT_EXAMPLE) || examples[0];
			await openWorkflow(page, opts.url, tryIt.id, tryIt.data.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => n.name));
			await page.mouse.move(1, 450); // no hover toolbar over a node
			await page.waitForTimeout(500);
			fs.mkdirSync(path.dirname(DOCS_SCREENSHOT), { recursive: true });
			await page.screenshot({ path: DOCS_SCREENSHOT });
			log(`saved ${path.relative(P.PROJECT_ROOT, DOCS_SCREENSHOT)} (${fs.statSync(DOCS_SCREENSHOT).size} bytes)`);
		}

		section('docs screenshot');
		// 2 + 3. Every package node in one new workflow: icons per theme, then each node's panel.
		allNodesWf = await createAllNodesWorkflow(context, opts.url, types);
		const nodeOf = (t) => allNodesWf.nodes.find((n) => n.type === t.name);
		for (const t of types) {
			session.phase(`icon-http:${t.name}`);
			const problems = await fetchIconProblems(context, opts.url, t);
			for (const p of problems) fail('icons', p);
		}
		// Dark first: the panels below then stay in the light theme without another full page load.
		for (const theme of ['dark', 'light']) {
			session.phase(`theme:${theme}`);
			const nodes = await openWorkflow(page, opts.url, allNodesWf.id, allNodesWf.nodes.map((n) => n.name), { theme });
			const problems = canvasProblems(
				nodes,
				allNodesWf.nodes.map((n) => ({ name: n.name, type: n.type })),
				// Fresh nodes may lack credentials and required values: issue badges are expected here.
				{ iconUrls, theme, issuesExpected: true },
			);
			for (const p of problems) fail(`${theme} theme`, p);
			for (const t of types) {
				const loc = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeOf(t).name.replace(/"/g, '\\"')}"]`);
				await loc.screenshot({ path: shot(`node-${t.name.split('.').pop()}-${theme}`) }).catch((e) => fail(`${theme} theme`, `screenshot of ${t.name}: ${e.message.split('\n')[0]}`));
			}
			summary.iconsChecked[theme] = nodes.filter((n) => iconUrls[n.type]).length;
			if (!problems.length) log(`✓ ${theme} theme: ${types.length} package nodes show their ${theme} icon, loaded`);
		}

		section('icons');
		// Parameter panels (light theme, the workflow is open): each node, each combination of its selectors.
		for (const t of types) {
			const short = t.name.split('.').pop();
			const where = `panel of ${short}`;
			const instances = allNodesWf.nodes.filter((n) => n.type === t.name);
			let done = 0;
			let total = 0;
			const tried = [];
			for (const inst of instances) {
				session.phase(`ndv:${t.name}`);
				const combos = inst.group.combos;
				total += combos.length;
				const instSlug = `${short}${inst.group.preset.map((p) => `-${p.value}`).join('')}`;
				try {
					await openNdv(page, inst.name);
					if (iconUrls[t.name]) for (const p of iconProblems(`the panel header of "${inst.name}"`, await headerIcon(page), iconUrls[t.name], 'light')) fail(where, p);
					for (const combo of combos) {
						const label = [...combo.preset, ...combo.choices].map((c) => `${c.displayName}=${c.label}`).join(', ') || '(no selectors)';
						tried.push([...combo.preset, ...combo.choices].map((c) => c.value).join('/'));
						try {
							for (const c of combo.choices) await selectOption(page, c.name, c.label);
							const panel = await readPanel(page);
							const problems = [];
							const missing = expectedLabels(t, combo).filter((l) => !panel.text.includes(l));
							if (missing.length) problems.push(`parameter(s) not rendered: ${missing.join(', ')}`);
							const unexpected = panel.issues.filter((p) => !combo.requiredEmpty.has(p));
							if (unexpected.length) problems.push(`parameter issue(s) on ${unexpected.join(', ')} (only empty required parameters may be flagged)`);
							if (panel.errorBoxes.length) problems.push(`error shown: ${panel.errorBoxes.join(' | ').slice(0, 300)}`);
							for (const p of problems) fail(where, `${label}: ${p}`);
							if (!problems.length) done += 1;
						} catch (e) {
							await page.screenshot({ path: shot(`ndv-${instSlug}.failed`) }).catch(() => {});
							fail(where, `${label}: ${e.message.split('\n')[0]}`);
							await page.keyboard.press('Escape').catch(() => {});
						}
					}
					// Back to the first combination for the screenshot.
					if (combos[0]) for (const c of combos[0].choices) await selectOption(page, c.name, c.label).catch(() => {});
					await page.screenshot({ path: shot(`ndv-${instSlug}`) });
					await closeNdv(page);
				} catch (e) {
					await page.screenshot({ path: shot(`ndv-${instSlug}.failed`) }).catch(() => {});
					fail(where, `${inst.name}: ${e.message.split('\n')[0]}`);
					await page.keyboard.press('Escape').catch(() => {});
				}
			}
			section(`panels of ${short}`);
			summary.nodes.push({ type: t.name, nodesInWorkflow: instances.length, combinations: total, passed: done });
			summary.combinations += done;
			log(`${done === total ? '✓' : '✗'} ${where}: ${done}/${total} combinations rendered cleanly (${tried.join(', ')})`);
		}

		// 5. One example run from the UI.
		const runnable = examples.filter((w) => w.executable && w.expect && w.expect.nodes && w.packageNodes.length && w.problems.length === 0);
		const wanted = opts.runExample || TRY_IT_EXAMPLE;
		const toRun = runnable.find((w) => path.basename(w.file, '.json') === wanted) || runnable[0];
		if (!toRun) fail('run', 'no executable example with node expectations to run from the editor');
		else {
			const base = path.basename(toRun.file, '.json');
			session.phase(`run:${base}`);
			if (opts.sandboxUrl) await sb.resetSandbox(opts.sandboxUrl);
			try {
				const r = await runExampleFromUi(page, opts.url, toRun, { screenshot: shot(`run-${base}-output`) });
				summary.run = { example: base, ...r };
				for (const p of r.problems) fail(`run ${base}`, p);
				if (!r.problems.length) log(`✓ run ${base} from the editor: ${r.node} shows ${r.items} item(s) with ${r.fields.join(', ')}`);
			} catch (e) {
				await page.screenshot({ path: shot(`run-${base}.failed`) }).catch(() => {});
				fail(`run ${base}`, e.message);
			}
		}

		section('run');
		// 4. The console.
		const ours = session.events.filter(classify);
		for (const ev of ours) fail('console', formatEvent(ev));
		fs.writeFileSync(
			path.join(outDir, 'console.txt'),
			[
				`# Browser console errors/warnings, page errors and failed requests (${session.events.length}); "OURS" = attributed to ${packageName} (fails the test)`,
				...session.events.map((ev) => `${classify(ev) ? 'OURS ' : classify.isProbe(ev) ? 'probe' : 'other'} ${formatEvent(ev)}`),
				`# off-host requests aborted by the offline guard: ${[...session.blockedHosts].join(', ') || 'none'}`,
				'',
			].join('\n'),
		);
		summary.console = { total: session.events.length, ours: ours.length };
		if (!ours.length) log(`✓ console: nothing from ${packageName} (${session.events.length} other message(s) in console.txt)`);
	} finally {
		if (allNodesWf) await deleteWorkflow(session.context, opts.url, allNodesWf.id);
		await session.close();
	}
	summary.seconds = Math.round((Date.now() - started) / 1000);
	summary.failures = failures;
	fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2));
	log(
		`${summary.examples.length} example(s) opened, ${summary.nodes.length} node(s), ${summary.combinations} selector combinations, icons checked light ${summary.iconsChecked.light} / dark ${summary.iconsChecked.dark}, ${summary.seconds} s — ${failures.length ? `${failures.length} failure(s)` : 'all passed'}`,
	);
	return { failures, summary };
}

function parseArgs(argv) {
	const a = { saveDocsScreenshot: false };
	for (let i = 0; i < argv.length; i++) {
		const k = argv[i];
		const v = () => {
			const x = argv[++i];
			if (x === undefined) throw new Error(`${k} needs a value`);
			return x;
		};
		if (k === '--url') a.url = v().replace(/\/+$/, '');
		else if (k === '--sandbox-url') a.sandboxUrl = v().replace(/\/+$/, '');
		else if (k === '--out') a.outDir = path.resolve(v());
		else if (k === '--run-example') a.runExample = v();
		else if (k === '--save-docs-screenshot') a.saveDocsScreenshot = true;
		else throw new Error(`unknown argument ${k}`);
	}
	if (!a.url) throw new Error('--url is required');
	a.email = process.env.N8N_EDITOR_EMAIL || 'demo@bulk-cards.test';
	a.password = process.env.N8N_EDITOR_PASSWORD || 'BulkCards-demo1';
	return a;
}

if (require.main === module) {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`[bulk-cards] editor test: ${e.message}`);
		process.exit(1);
	}
	const missing = prerequisitesMissing();
	if (missing) {
		console.error(`[bulk-cards] editor test skipped: ${missing}`);
		process.exit(2);
	}
	runEditorTest(args).then(
		({ failures }) => {
			if (failures.length) {
				console.error(`\n[bulk-cards] editor test FAILED (${failures.length}):`);
				for (const f of failures) console.error(`  - ${f}`);
				process.exit(1);
			}
			log('PASSED');
			process.exit(0);
		},
		(e) => {
			console.error(`[bulk-cards] editor test crashed: ${e.stack || e.message}`);
			process.exit(1);
		},
	);
}

module.exports = { runEditorTest, prerequisitesMissing, parseArgs };
