'use strict';
// The node details view (NDV, the parameter panel): open it for a canvas node, pick options in its
// dropdowns, and read what it renders (labels, parameter issue markers).

const NDV = '[data-test-id="ndv"]';
const PARAMS = `${NDV} [data-test-id="node-parameters"]`;

async function openNdv(page, nodeName, { timeout = 20000 } = {}) {
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName.replace(/"/g, '\\"')}"]`);
	await node.dblclick();
	try {
		await page.waitForSelector(PARAMS, { state: 'visible', timeout });
	} catch (e) {
		throw new Error(`the parameter panel of "${nodeName}" did not open (${e.message.split('\n')[0]})`);
	}
	await page.waitForTimeout(300);
}

async function closeNdv(page) {
	const close = page.locator(`${NDV} [data-test-id="ndv-close-button"]`);
	if (await close.count()) await close.first().click().catch(() => {});
	else await page.keyboard.press('Escape');
	await page.waitForSelector(NDV, { state: 'hidden', timeout: 10000 }).catch(() => page.keyboard.press('Escape'));
}

/** The option label shown in an options parameter's input. */
async function selectedLabel(page, paramName) {
	const input = page.locator(`${NDV} [data-test-id="parameter-input-${paramName}"] input`).first();
	return input.inputValue({ timeout: 2000 }).catch(() => null);
}

/**
 * Picks the option shown as `label` in the options parameter `paramName`. The parameter may show
 * a moment after the previous choice (waited for, up to 3 s); the dropdown opens with an animation,
 * so a pick that does not take is tried once more before failing (a precaution for busy machines;
 * not seen needed in the runs so far).
 */
async function selectOption(page, paramName, label, { attempts = 2 } = {}) {
	const field = page.locator(`${NDV} [data-test-id="parameter-input-${paramName}"]`).first();
	await field.waitFor({ state: 'visible', timeout: 3000 }).catch(() => {});
	if (!(await field.count())) throw new Error(`parameter "${paramName}" is not rendered (no dropdown to pick "${label}" in)`);
	if ((await selectedLabel(page, paramName)) === label) return;
	const item = page.locator('[data-test-id="parameter-input-item"]:visible', {
		has: page.locator('.option-headline', { hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }),
	});
	for (let attempt = 1; ; attempt++) {
		await field.click();
		try {
			await item.first().waitFor({ state: 'visible', timeout: 5000 });
			await item.first().click();
			await page.waitForFunction(
				([sel, want]) => {
					const i = document.querySelector(sel);
					return i && i.value === want;
				},
				[`${NDV} [data-test-id="parameter-input-${paramName}"] input`, label],
				{ timeout: 5000 },
			);
			break;
		} catch (e) {
			const shown = await page.$$eval('[data-test-id="parameter-input-item"]', (els) => els.filter((el) => el.offsetParent).map((el) => el.textContent.trim()));
			await page.keyboard.press('Escape');
			if (attempt >= attempts) {
				throw new Error(`could not pick option "${label}" of "${paramName}" (dropdown shows: ${shown.join(', ') || 'nothing'}; ${e.message.split('\n')[0]})`);
			}
			await page.waitForTimeout(500);
		}
	}
	// Let the panel re-render the parameters the new choice shows.
	await page.waitForTimeout(250);
}

/** { text, issues: [paramName|'?'], errorBoxes: [text] } of the parameter panel as rendered now. */
async function readPanel(page) {
	return page.$eval(PARAMS, (root) => {
		const issues = [...root.querySelectorAll('[data-test-id="parameter-issues"]')].map((el) => {
			const item = el.closest('[data-test-id="parameter-item"]') || el.closest('.parameter-item') || el.parentElement;
			const input = item && [...item.querySelectorAll('[data-test-id^="parameter-input-"]')].find((x) => !/^parameter-input-(item|field)$/.test(x.getAttribute('data-test-id')));
			return input ? input.getAttribute('data-test-id').replace(/^parameter-input-/, '') : '?';
		});
		// Error callouts (a notice parameter is role="alert" too, with an info/warning theme: not an error).
		const errorBoxes = [...root.querySelectorAll('.el-alert--error, [role="alert"]')]
			.filter((el) => /error|danger/i.test(el.className))
			.map((el) => el.textContent.trim())
			.filter(Boolean);
		return { text: root.innerText, issues, errorBoxes };
	});
}

/** The icon next to the panel's title: { src, complete, width }, or null (no image: a fallback icon). */
async function headerIcon(page) {
	const read = (sel) => {
		const title = document.querySelector(sel);
		const img = title && title.parentElement ? title.parentElement.querySelector('.n8n-node-icon img') : null;
		return img ? { src: img.getAttribute('src'), complete: img.complete, width: img.naturalWidth } : null;
	};
	const sel = `${NDV} [data-test-id="node-title-container"]`;
	for (let i = 0; i < 25; i++) {
		const icon = await page.evaluate(read, sel);
		if (!icon || icon.complete) return icon;
		await page.waitForTimeout(200);
	}
	return page.evaluate(read, sel);
}

module.exports = { NDV, PARAMS, headerIcon, openNdv, closeNdv, selectOption, selectedLabel, readPanel };
