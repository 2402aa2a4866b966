'use strict';
// The canvas of one workflow in the editor: open it (in a theme), wait until every node shows, and
// read what each node looks like (type, issue badges, "install this node" marker, icon state).

const NODE = '[data-test-id="canvas-node"]';

/**
 * Goes to an editor path. Inside the loaded editor this is an in-app route change (Vue router),
 * about a second; a full page load of the editor takes 10-20 s on a busy 2-core machine. A
 * "save changes?" prompt on the way out is answered "leave without saving".
 */
async function navigate(page, baseUrl, path) {
	const pushed = await page
		.evaluate((p) => {
			const el = document.querySelector('#app');
			const router = el && el.__vue_app__ && el.__vue_app__.config.globalProperties.$router;
			if (!router) return false;
			router.push(p).catch(() => {});
			return true;
		}, path)
		.catch(() => false);
	if (!pushed) {
		await page.goto(`${baseUrl}${path}`, { waitUntil: 'domcontentloaded' });
		return;
	}
	const target = new URL(path, baseUrl).pathname;
	for (let i = 0; i < 50 && new URL(page.url()).pathname !== target; i++) {
		const leave = page.locator('.el-message-box button', { hasText: /leave without saving|discard|don.t save/i });
		if (await leave.count()) await leave.first().click().catch(() => {});
		await page.waitForTimeout(200);
	}
	if (new URL(page.url()).pathname !== target) await page.goto(`${baseUrl}${path}`, { waitUntil: 'domcontentloaded' });
}

/**
 * Opens the path in n8n's theme `theme`: localStorage N8N_THEME (what n8n 2.41's editor reads at
 * start-up, besides a ?theme= query), so a theme change means a full page load; the editor marks
 * the theme it applied as body[data-theme].
 */
async function openInTheme(page, baseUrl, path, theme) {
	const current = page.url().startsWith(baseUrl) ? await page.evaluate(() => document.body && document.body.getAttribute('data-theme')).catch(() => null) : null;
	if (current === theme) return navigate(page, baseUrl, path);
	if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
	await page.evaluate((t) => localStorage.setItem('N8N_THEME', t), theme);
	await page.goto(`${baseUrl}${path}`, { waitUntil: 'domcontentloaded' });
	await page.waitForFunction((t) => document.body.getAttribute('data-theme') === t, theme, { timeout: 30000 }).catch(async () => {
		const applied = await page.evaluate(() => document.body.getAttribute('data-theme'));
		throw new Error(`the editor did not apply the ${theme} theme (body data-theme=${applied})`);
	});
}

/**
 * Opens /workflow/<id> and waits until the canvas shows exactly the nodes named in `names` (no
 * sticky note counted; not a node left over from the workflow before) and their icons finished
 * loading. Returns the nodes as read by readCanvasNodes.
 */
async function openWorkflow(page, baseUrl, id, names, { theme = 'light', timeout = 60000 } = {}) {
	await openInTheme(page, baseUrl, `/workflow/${id}`, theme);
	await page.waitForSelector(NODE, { timeout });
	await page
		.waitForFunction(
			(want) => {
				const have = [...document.querySelectorAll('[data-test-id="canvas-node"]')]
					.filter((e) => e.getAttribute('data-node-type') !== 'n8n-nodes-base.stickyNote')
					.map((e) => e.getAttribute('data-node-name'));
				return have.length === want.length && want.every((n) => have.includes(n));
			},
			names,
			{ timeout: 20000 },
		)
		.catch(() => {});
	// (Not 'networkidle': the editor keeps its push connection open, so that only times out.)
	// Icons: wait (bounded) until every node icon image finished loading, broken or not.
	await page
		.waitForFunction(() => [...document.querySelectorAll('[data-test-id="canvas-node"] img')].every((i) => i.complete), null, { timeout: 10000 })
		.catch(() => {});
	await page.waitForTimeout(300);
	await page.keyboard.press('Escape').catch(() => {});
	return readCanvasNodes(page);
}

/** [{ name, type, notInstalled, issues, warning, icon: {src, complete, width} | null, iconText }] */
async function readCanvasNodes(page) {
	return page.$$eval(NODE, (els) =>
		els.map((el) => {
			const img = el.querySelector('.n8n-node-icon img');
			const iconEl = el.querySelector('.n8n-node-icon');
			return {
				name: el.getAttribute('data-node-name'),
				type: el.getAttribute('data-node-type'),
				notInstalled: !!el.querySelector('[data-test-id="node-not-installed"]'),
				issues: !!el.querySelector('[data-test-id="node-issues"]'),
				warning: !!el.querySelector('[data-test-id="canvas-node-status-warning"]'),
				icon: img ? { src: img.getAttribute('src'), complete: img.complete, width: img.naturalWidth } : null,
				iconText: iconEl ? iconEl.textContent.trim() : null,
			};
		}),
	);
}

/**
 * Problems with a workflow's canvas: a node missing, shown with another type, as not installed, with
 * an issue or warning badge (none is expected in an example), or a package node without its icon.
 * `iconUrls[type]` = { light, dark } (URLs relative to the editor root) for the package's types.
 */
function canvasProblems(nodes, expectedNodes, { iconUrls = {}, theme = 'light', issuesExpected = false } = {}) {
	const problems = [];
	for (const want of expectedNodes) {
		const got = nodes.find((n) => n.name === want.name);
		if (!got) {
			problems.push(`node "${want.name}" is not on the canvas`);
			continue;
		}
		if (got.type !== want.type) problems.push(`node "${want.name}" shows as type ${got.type}, not ${want.type}`);
		if (got.notInstalled) problems.push(`node "${want.name}" shows as not installed ("install this node")`);
		if (got.issues && !issuesExpected) problems.push(`node "${want.name}" shows an issue badge`);
		if (got.warning && !issuesExpected) problems.push(`node "${want.name}" shows a warning badge`);
		const urls = iconUrls[want.type];
		if (urls) problems.push(...iconProblems(`node "${want.name}"`, got.icon, urls, theme));
	}
	return problems;
}

function iconProblems(what, icon, urls, theme) {
	const expected = theme === 'dark' && urls.dark ? urls.dark : urls.light;
	if (!icon) return [`${what} shows no icon image (a fallback icon instead of ${expected})`];
	const out = [];
	if (!icon.src || !icon.src.replace(/^\//, '').endsWith(expected.replace(/^\//, ''))) out.push(`${what} shows icon ${icon.src} in the ${theme} theme, not ${expected}`);
	if (!icon.complete || !icon.width) out.push(`${what}: icon ${icon.src} did not load (broken image) in the ${theme} theme`);
	return out;
}

module.exports = { NODE, navigate, openInTheme, openWorkflow, readCanvasNodes, canvasProblems, iconProblems };
