'use strict';
// Telling the package's console messages from n8n's own. The test fails on a browser console error
// or warning, page error or failed request that is ours; everything else is recorded in an artifact
// only. A message is ours when it
//   * names the package (`n8n-nodes-bulk-cards`, e.g. in an icon or node type URL or a type name),
//     or one of its node type names / display names / credential type names, or
//   * is a failed load of one of its icon URLs, or
//   * is an uncaught page error or a Vue warning raised while the parameter panel of one of its nodes
//     was open (phase `ndv:<type>`): a render failure of our parameters names neither the package
//     nor the node, so the phase attributes it.
// One exception, an n8n probe rather than a package failure: when a node's output is needed before
// it ran (the next node's input panel), the editor asks for an optional output schema preview at
// /schemas/<node type>/<version>/<resource>/<operation>.json (files a package may ship in
// __schema__ folders) and falls back to nothing on a 404; that 404 and its "Failed to load
// resource" line are recorded as `probe`, not failed on.
// n8n's own noise (its telemetry or update checks blocked by the offline guard, deprecation
// warnings of its libraries, 401s while the session starts) names none of these and happens on its
// own pages as well, so it is recorded, not failed on.

function escapeRe(s) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A predicate for "this event is the package's". */
function makeClassifier({ packageName, nodeDescriptions, credentialTypes = [] }) {
	const words = new Set([packageName]);
	for (const d of nodeDescriptions) {
		words.add(d.name);
		words.add(d.name.split('.').pop());
		if (d.displayName) words.add(d.displayName);
	}
	for (const c of credentialTypes) words.add(c);
	const re = new RegExp([...words].filter((w) => w && w.length > 3).map(escapeRe).join('|'), 'i');
	const schemaProbe = new RegExp(`/schemas/${escapeRe(packageName)}\\.[^/]+/[^?]*\\.json(\\?|$)`);
	const isProbe = (ev) => schemaProbe.test(ev.url || '') && (ev.kind === 'http' ? /^HTTP 404 /.test(ev.text) : /status of 404/.test(ev.text || ''));
	const classify = (ev) => {
		if (isProbe(ev)) return false;
		if (re.test(ev.text || '') || re.test(ev.url || '')) return true;
		if (/^ndv:/.test(ev.phase) && (ev.kind === 'pageerror' || /\[Vue warn\]/.test(ev.text || ''))) return true;
		return false;
	};
	classify.isProbe = isProbe;
	return classify;
}

function formatEvent(ev) {
	return `[${ev.phase}] ${ev.kind}/${ev.type}: ${(ev.text || '').split('\n')[0].slice(0, 400)}${ev.url ? ` (${ev.url})` : ''}`;
}

module.exports = { makeClassifier, formatEvent };
