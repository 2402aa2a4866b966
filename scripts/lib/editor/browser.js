'use strict';
// Headless Chromium for the editor test: Debian's /usr/bin/chromium through playwright-core (never a
// downloaded browser), every request that does not go to the n8n host aborted (offline, loopback
// only), the owner logged in through n8n's REST login in the browser context, and every console
// message, page error and failed request recorded with the test phase it happened in.

const fs = require('node:fs');

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

/** null when the browser test can run here, else the reason why not. */
function prerequisitesMissing() {
	if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} not found (apt-get install -y chromium)`;
	try {
		require.resolve('playwright-core');
	} catch {
		return 'playwright-core is not installed (devDependency)';
	}
	return null;
}

/**
 * Launches Chromium and opens a logged-in context. Returns { browser, context, events, phase(name),
 * blockedHosts, newPage(), close() }; `events` collects { phase, kind: console|pageerror|http|requestfailed,
 * type, text, url }.
 */
async function openEditorSession({ url, email, password, width = 1600, height = 900, timeout = 60000 }) {
	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, timeout });
	const allowedHost = new URL(url).host;
	const blockedHosts = new Set();
	const events = [];
	let currentPhase = 'start';
	try {
		const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
		context.setDefaultTimeout(timeout);
		await context.route('**/*', (route) => {
			const u = route.request().url();
			let host = '';
			try {
				host = new URL(u).host;
			} catch {
				/* data: etc. */
			}
			if (host === allowedHost || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
			blockedHosts.add(host);
			return route.abort();
		});
		const login = await context.request.post(`${url}/rest/login`, { data: { emailOrLdapLoginId: email, password }, timeout });
		if (!login.ok()) throw new Error(`login failed: HTTP ${login.status()} ${(await login.text()).slice(0, 300)}`);

		const watch = (page) => {
			page.on('console', (m) => {
				const type = m.type();
				if (type !== 'error' && type !== 'warning') return;
				const loc = m.location();
				events.push({ phase: currentPhase, kind: 'console', type, text: m.text(), url: loc && loc.url });
			});
			page.on('pageerror', (e) => events.push({ phase: currentPhase, kind: 'pageerror', type: 'error', text: `${e.message}\n${e.stack || ''}`, url: '' }));
			page.on('response', (r) => {
				if (r.status() >= 400) events.push({ phase: currentPhase, kind: 'http', type: 'error', text: `HTTP ${r.status()} ${r.request().method()}`, url: r.url() });
			});
			page.on('requestfailed', (r) => {
				let host = '';
				try {
					host = new URL(r.url()).host;
				} catch {
					/* ignore */
				}
				// Requests the offline guard aborted are not the page's fault.
				if (host && host !== allowedHost) return;
				events.push({ phase: currentPhase, kind: 'requestfailed', type: 'error', text: (r.failure() && r.failure().errorText) || 'failed', url: r.url() });
			});
		};
		return {
			browser,
			context,
			events,
			blockedHosts,
			phase: (name) => {
				currentPhase = name;
			},
			newPage: async () => {
				const page = await context.newPage();
				watch(page);
				return page;
			},
			close: () => browser.close(),
		};
	} catch (e) {
		await browser.close().catch(() => {});
		throw e;
	}
}

module.exports = { CHROMIUM, CHROMIUM_FLAGS, prerequisitesMissing, openEditorSession };
