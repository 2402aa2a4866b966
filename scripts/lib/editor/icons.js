'use strict';
// The icons a package node declares, as n8n serves them: `iconUrl` in /types/nodes.json is either
// a string or { light, dark } (from `icon: 'file:…'` / `icon: { light, dark }` in the description).

/** { light, dark } URLs (relative to the editor root); dark = light when the node has one icon. */
function iconUrlsOf(desc) {
	const u = desc.iconUrl;
	if (typeof u === 'string') return { light: u, dark: u, themed: false };
	if (u && typeof u === 'object' && u.light) return { light: u.light, dark: u.dark || u.light, themed: !!u.dark };
	return null;
}

/** Fetches each icon through the browser context: HTTP 200, an image content type, not empty. */
async function fetchIconProblems(context, baseUrl, desc) {
	const urls = iconUrlsOf(desc);
	if (!urls) return [`${desc.name} declares no file icon (iconUrl missing in /types/nodes.json)`];
	const problems = [];
	for (const theme of ['light', 'dark']) {
		const url = `${baseUrl}/${urls[theme].replace(/^\//, '')}`;
		const r = await context.request.get(url);
		const body = await r.body();
		const type = r.headers()['content-type'] || '';
		if (r.status() !== 200) problems.push(`${desc.name} ${theme} icon ${url}: HTTP ${r.status()}`);
		else if (!body.length) problems.push(`${desc.name} ${theme} icon ${url}: empty`);
		else if (!/^image\//.test(type)) problems.push(`${desc.name} ${theme} icon ${url}: content-type ${type}`);
		else if (/svg/.test(type) && !/<svg[\s>]/.test(body.toString('utf8'))) problems.push(`${desc.name} ${theme} icon ${url}: no <svg> element`);
	}
	return problems;
}

module.exports = { iconUrlsOf, fetchIconProblems };
