'use strict';
// Runs one example from the editor: "Execute workflow", wait until every node shows success, then
// open the last package node and read its output panel (item count, the fields of its items).

const { openWorkflow } = require('./canvas');
const { openNdv } = require('./ndv');

/**
 * The last package node of the workflow that its expect file describes (in node order), leaving
 * out nodes described over all their runs (a wait loop's): the output panel shows one run.
 */
function lastCheckedNode(wf) {
	const described = wf.packageNodes.filter((n) => wf.expect.nodes[n.name] && wf.expect.nodes[n.name].runs !== 'all');
	return described[described.length - 1] || null;
}

/** Fields the output must show: those the expect file's `every` names, plus the summed ones. */
function expectedFields(spec) {
	return [...new Set([...Object.keys(spec.every || {}), ...Object.keys(spec.sum || {})].map((f) => f.split('.')[0]))];
}

async function runExampleFromUi(page, baseUrl, wf, { screenshot, timeout = 180000 } = {}) {
	const problems = [];
	const names = wf.data.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => n.name);
	await openWorkflow(page, baseUrl, wf.id, names);
	const target = lastCheckedNode(wf);
	if (!target) throw new Error('its expect file describes none of its package nodes');
	const spec = wf.expect.nodes[target.name];
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	const t0 = Date.now();
	try {
		await page.waitForFunction(
			(want) => {
				const els = [...document.querySelectorAll('[data-test-id="canvas-node"]')];
				return want.every((n) => {
					const el = els.find((e) => e.getAttribute('data-node-name') === n);
					return el && el.querySelector('[data-test-id="canvas-node-status-success"]');
				});
			},
			names,
			{ timeout },
		);
	} catch {
		const state = await page.$$eval('[data-test-id="canvas-node"]', (els) =>
			els.map((e) => `${e.getAttribute('data-node-name')}: ${e.querySelector('[data-test-id="canvas-node-status-success"]') ? 'success' : e.querySelector('[data-test-id="node-issues"]') ? 'issues/error' : 'no success'}`),
		);
		throw new Error(`the run did not succeed on every node within ${timeout / 1000} s (${state.join('; ')})`);
	}
	const runSeconds = Math.round((Date.now() - t0) / 1000);
	await openNdv(page, target.name);
	const out = page.locator('[data-test-id="output-panel"]');
	await out.waitFor({ state: 'visible' });
	// The table view: one column per field.
	const tableButton = out.locator('[data-test-id="radio-button-table"]');
	if (await tableButton.count()) await tableButton.first().click();
	await page.waitForTimeout(500);
	const text = await out.innerText();
	const m = text.match(/(\d[\d,]*)\s+items?/i);
	const items = m ? Number(m[1].replace(/,/g, '')) : null;
	const wantItems = typeof spec.items === 'number' ? spec.items : null;
	if (wantItems !== null && items !== wantItems) problems.push(`output panel of "${target.name}" shows ${items === null ? 'no item count' : `${items} item(s)`}, expected ${wantItems}`);
	const fields = expectedFields(spec);
	const headers = await out.locator('th').allInnerTexts();
	const headerText = headers.map((h) => h.trim()).join('\n');
	for (const f of fields) if (!headerText.includes(f)) problems.push(`output panel of "${target.name}" shows no field "${f}" (columns: ${headers.map((h) => h.trim()).join(', ') || 'none'})`);
	for (const [f, v] of Object.entries(spec.every || {})) {
		if (typeof v === 'string' && !text.includes(v)) problems.push(`output panel of "${target.name}" does not show ${f} = ${v}`);
	}
	if (screenshot) await page.screenshot({ path: screenshot });
	return { node: target.name, items, fields, runSeconds, problems };
}

module.exports = { runExampleFromUi, lastCheckedNode, expectedFields };
