#!/usr/bin/env node
'use strict';
// Headless Chromium screenshot of a workflow in a running n8n editor (n8n-notes §6).
//
//   node scripts/screenshot.js --url http://127.0.0.1:5688 --workflow <id> [--out .n8n-e2e/editor.png]
//        [--expect-node NymCard]… [--width 1600] [--height 900] [--timeout 60000]
//   login: N8N_SCREENSHOT_EMAIL / N8N_SCREENSHOT_PASSWORD (env, so the password is not in `ps`)
//
// Uses playwright-core with Debian's /usr/bin/chromium (CHROMIUM_PATH to override); never
// downloads a browser. Every request that does not go to the n8n host is aborted (offline and
// loopback-only). Logs in through n8n's REST login in the browser context, opens
// /workflow/<id>, waits until the canvas shows the nodes, and fails (exit 1) when a node named by
// --expect-node is missing from the canvas. Exit code 2 = prerequisites missing (no chromium or no
// playwright-core).

const fs = require('node:fs');
const path = require('node:path');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

function parseArgs(argv) {
	const a = { out: path.resolve(__dirname, '..', '.n8n-e2e', 'editor.png'), expectNodes: [], width: 1600, height: 900, timeout: 60000 };
	for (let i = 0; i < argv.length; i++) {
		const k = argv[i];
		const v = () => {
			const x = argv[++i];
			if (x === undefined) throw new Error(`${k} needs a value`);
			return x;
		};
		if (k === '--url') a.url = v().replace(/\/+$/, '');
		else if (k === '--workflow') a.workflow = v();
		else if (k === '--out') a.out = path.resolve(v());
		else if (k === '--expect-node') a.expectNodes.push(v());
		else if (k === '--width') a.width = Number(v());
		else if (k === '--height') a.height = Number(v());
		else if (k === '--timeout') a.timeout = Number(v());
		else throw new Error(`unknown argument ${k}`);
	}
	if (!a.url || !a.workflow) throw new Error('--url and --workflow are required');
	a.email = process.env.N8N_SCREENSHOT_EMAIL;
	a.password = process.env.N8N_SCREENSHOT_PASSWORD;
	if (!a.email || !a.password) throw new Error('set N8N_SCREENSHOT_EMAIL and N8N_SCREENSHOT_PASSWORD');
	return a;
}

/** null when the screenshot can be taken here, else the reason why not. */
function prerequisitesMissing() {
	if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} not found (apt-get install -y chromium)`;
	try {
		require.resolve('playwright-core');
	} catch {
		return 'playwright-core is not installed (devDependency)';
	}
	return null;
}

async function takeScreenshot(a) {
	const { chromium } = require('playwright-core');
	const started = Date.now();
	const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, timeout: a.timeout });
	try {
		const context = await browser.newContext({ viewport: { width: a.width, height: a.height }, deviceScaleFactor: 1 });
		const allowedHost = new URL(a.url).host;
		const blocked = new Set();
		await context.route('**/*', (route) => {
			const u = route.request().url();
			let host = '';
			try {
				host = new URL(u).host;
			} catch {
				/* data: etc. */
			}
			if (host === allowedHost || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
			blocked.add(host);
			return route.abort();
		});
		// Log in with the REST API of the same browser context: the session cookie lands in its jar.
		const login = await context.request.post(`${a.url}/rest/login`, {
			data: { emailOrLdapLoginId: a.email, password: a.password },
			timeout: a.timeout,
		});
		if (!login.ok()) throw new Error(`login failed: HTTP ${login.status()} ${(await login.text()).slice(0, 300)}`);

		const page = await context.newPage();
		const consoleErrors = [];
		page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
		await page.goto(`${a.url}/workflow/${a.workflow}`, { waitUntil: 'domcontentloaded', timeout: a.timeout });
		const nodeSel = '[data-test-id="canvas-node"]';
		await page.waitForSelector(nodeSel, { timeout: a.timeout }).catch(async (e) => {
			await page.screenshot({ path: a.out.replace(/\.png$/, '.failed.png'), fullPage: true }).catch(() => {});
			throw new Error(`no workflow nodes appeared on the canvas (${e.message.split('\n')[0]}); page saved as ${a.out.replace(/\.png$/, '.failed.png')}`);
		});
		// Let the canvas settle (fit view, icons), close any toast or modal that may cover it.
		await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => {});
		await page.keyboard.press('Escape').catch(() => {});
		await page.keyboard.press('1').catch(() => {}); // n8n shortcut: zoom to fit
		await page.waitForTimeout(1000);

		const names = await page.$$eval(nodeSel, (els) =>
			els.map((el) => (el.getAttribute('data-node-name') || el.textContent || '').trim()),
		);
		const missing = a.expectNodes.filter((n) => !names.some((x) => x.includes(n)));
		fs.mkdirSync(path.dirname(a.out), { recursive: true });
		await page.screenshot({ path: a.out, fullPage: false });
		const took = ((Date.now() - started) / 1000).toFixed(1);
		console.log(`[bulk-cards] screenshot ${a.out} (${names.length} nodes on canvas: ${names.join(', ')}; ${took} s)`);
		if (blocked.size) console.log(`[bulk-cards] blocked off-host requests to: ${[...blocked].join(', ')}`);
		if (missing.length) {
			throw new Error(`expected node(s) not on the canvas: ${missing.join(', ')} (console errors: ${consoleErrors.slice(0, 5).join(' | ') || 'none'})`);
		}
	} finally {
		await browser.close();
	}
}

if (require.main === module) {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`[bulk-cards] screenshot: ${e.message}`);
		process.exit(1);
	}
	const missing = prerequisitesMissing();
	if (missing) {
		console.error(`[bulk-cards] screenshot skipped: ${missing}`);
		process.exit(2);
	}
	takeScreenshot(args).then(
		() => process.exit(0),
		(e) => {
			console.error(`[bulk-cards] screenshot failed: ${e.message}`);
			process.exit(1);
		},
	);
}

module.exports = { prerequisitesMissing, takeScreenshot, CHROMIUM, CHROMIUM_FLAGS };
