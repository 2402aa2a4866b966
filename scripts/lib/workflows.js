'use strict';
// Example workflows (examples/workflows/*.json) and their expectations
// (examples/workflows/<name>.expect.json) for the demo and the e2e run.
//
// Expectation sidecar format (every key optional):
// {
//   "cardsCreated": 120,                 // shorthand for sandbox.nymcard.cardsCreated
//   "bulksCreated": 1,                   // shorthand for sandbox.nymcard.bulksCreated
//   "sandbox": {                         // sandbox counters after the run (counters are reset before it),
//     "nymcard": {                       //   per provider as in GET /__admin/counters
//       "cardsCreated": 120,             //   a number = exact value
//       "bulksSubmitted": 1,
//       "requests": { "min": 1, "max": 10 }   // or a range
//     }
//   },
//   "nodes": {                           // output of nodes by name (output 0 of the last run)
//     "NymCard": {
//       "runs": "all",                   //   the items of every run together (a node in a
//                                        //   wait-and-check loop runs once per round)
//       "items": 1,                      //   item count (number or {min,max})
//       "sum": { "size": 120 },          //   sum of a (dotted) json field over the items
//       "every": { "outcome": "created" } //  every item's field equals this value
//     }
//   },
//   "caught": { "slack": 3 },            // messages the sandbox's webhook catcher got, per channel,
//   "mentions": ["PO-1", "PO-2"],        //   exactly (none on others); texts found in some message
//                                        //   (a single string: in every message) — scripts/lib/catcher.js
//   "execute": true,                     // false: import only (e.g. a trigger workflow)
//   "trigger": {                         // a trigger workflow, run by publishing it in a running n8n
//     "node": "Gift card status changed",//   the trigger node (its `provider` names the sandbox provider)
//     "tickSeconds": 60,                 //   its poll interval (pollTimes; n8n's minimum is a minute)
//     "setup": [                         //   after a sandbox reset, before publishing:
//       { "admin": "POST /dintero/cards/seed", "body": { "count": 3 } }  // a sandbox admin call
//     ],
//     "changes": [                       //   one at a time, each after the previous one's execution:
//       {
//         "admin": "POST /dintero/cards/X/status", "body": { "status": "expired" },
//         // or "dinteroActivate": { "cardId", "amount", "currency", "customer_id"? } (Dintero's API)
//         "items": [{ "cardId": "X", "status": "expired" }],  // the trigger's items (fields compared)
//         "caught": { "email": 1 },      //   messages the webhook catcher got, per channel, exactly
//         "mentions": "X"                //   text every one of those messages contains
//       }
//     ],
//     "quietPolls": 1                    //   polls with no change after the last one: no execution
//   },
//   "webhook": { … }                     // a Webhook workflow, published and called in a running
//                                        //   n8n (format: scripts/lib/webhookScenario.js)
// }
// Workflow files may say `__SANDBOX_URL__` in any string (e.g. an HTTP Request node's URL to the
// sandbox's webhook catcher, `__SANDBOX_URL__/__catcher/slack`): it is replaced with the running
// sandbox's URL when the workflow is loaded for import (the sandbox port changes per run).
// `sandbox.nymcard.idempotentReplays` defaults to 0 for every provider listed (a clean run needs
// no replays); give a number or range to override.

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const { checkCaught } = require('./catcher');

/** n8n node types that start a workflow run from `n8n execute` (findCliWorkflowStart). */
const CLI_START_TYPES = new Set([
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.executeWorkflowTrigger',
	'@n8n/n8n-nodes-langchain.manualChatTrigger',
]);
const CORE_PREFIXES = ['n8n-nodes-base.', '@n8n/n8n-nodes-langchain.'];

function listWorkflowFiles(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json'))
		.sort()
		.map((f) => path.join(dir, f));
}

/** Deterministic n8n workflow id (≤ 21 chars, alphanumeric) for a workflow file without one. */
function idForFile(file) {
	const h = crypto.createHash('sha256').update(path.basename(file)).digest('base64').replace(/[^A-Za-z0-9]/g, '');
	return `ex${h.slice(0, 14)}`;
}

/** Replaced with the sandbox's URL by loadWorkflow (see the header). */
const SANDBOX_URL_PLACEHOLDER = '__SANDBOX_URL__';

/**
 * Reads a workflow file and its sidecar (`sandboxUrl`: what `__SANDBOX_URL__` becomes). Returns
 * { file, name, id, data (with id set), expect|null, executable, packageNodes: [{name,type}],
 *   problems: [string] } — `problems` lists node types that n8n would not resolve to the package.
 */
function loadWorkflow(file, packageName, { sandboxUrl } = {}) {
	const text = fs.readFileSync(file, 'utf8');
	const data = JSON.parse(sandboxUrl ? text.split(SANDBOX_URL_PLACEHOLDER).join(sandboxUrl) : text);
	if (!Array.isArray(data.nodes) || typeof data.connections !== 'object') {
		throw new Error(`${file} is not an n8n workflow (needs nodes and connections)`);
	}
	if (!data.id) data.id = idForFile(file);
	if (String(data.id).length > 21) throw new Error(`${file}: workflow id "${data.id}" is longer than n8n's 21 characters`);
	if (!data.name) data.name = path.basename(file, '.json');
	const expectFile = file.replace(/\.json$/, '.expect.json');
	const expect = fs.existsSync(expectFile) ? JSON.parse(fs.readFileSync(expectFile, 'utf8')) : null;
	const problems = [];
	const packageNodes = [];
	for (const n of data.nodes) {
		if (CORE_PREFIXES.some((p) => n.type.startsWith(p))) continue;
		if (packageName && n.type.startsWith(`${packageName}.`)) {
			packageNodes.push({ name: n.name, type: n.type });
			continue;
		}
		if (n.type.startsWith('CUSTOM.')) {
			problems.push(`node "${n.name}" has type ${n.type}: an npm-installed package is loaded as ${packageName}.<name>, not CUSTOM.<name>`);
		} else {
			problems.push(`node "${n.name}" has type ${n.type}, which is neither core n8n nor ${packageName}`);
		}
	}
	const hasCliStart = data.nodes.some((n) => CLI_START_TYPES.has(n.type) && !n.disabled);
	const executable = hasCliStart && !(expect && expect.execute === false);
	return { file, name: data.name, id: data.id, data, expect, executable, hasCliStart, packageNodes, problems };
}

function get(obj, dotted) {
	return dotted.split('.').reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
}

function matches(actual, expected) {
	if (expected !== null && typeof expected === 'object' && !Array.isArray(expected) && ('min' in expected || 'max' in expected)) {
		return typeof actual === 'number' && (expected.min === undefined || actual >= expected.min) && (expected.max === undefined || actual <= expected.max);
	}
	return JSON.stringify(actual) === JSON.stringify(expected);
}

function show(v) {
	return v !== null && typeof v === 'object' && ('min' in v || 'max' in v) ? `[${v.min ?? '-∞'}, ${v.max ?? '∞'}]` : JSON.stringify(v);
}

/** Normalised counter expectations: { provider: { counter: number|{min,max} } } */
function counterExpectations(expect) {
	const out = {};
	const sandbox = (expect && expect.sandbox) || {};
	for (const [prov, counters] of Object.entries(sandbox)) out[prov] = { ...counters };
	for (const k of ['cardsCreated', 'bulksCreated', 'bulksSubmitted', 'idempotentReplays']) {
		if (expect && expect[k] !== undefined) out.nymcard = { ...(out.nymcard || {}), [k]: expect[k] };
	}
	for (const prov of Object.keys(out)) {
		if (out[prov].idempotentReplays === undefined) out[prov].idempotentReplays = 0;
	}
	return out;
}

/**
 * Checks a finished run (parsed `n8n execute` JSON) and the sandbox counters against the
 * expectations. Always checks: status success, no node error, every package node ran and
 * produced at least one item. Returns a list of failure messages (empty = pass).
 */
function checkRun(wf, runData, counters, caught = []) {
	const failures = [];
	const rd = runData.data.resultData;
	if (runData.status && runData.status !== 'success') failures.push(`execution status is ${runData.status}, expected success`);
	if (rd.error) failures.push(`execution error: ${rd.error.message}`);
	for (const [nodeName, runs] of Object.entries(rd.runData || {})) {
		for (const r of runs) if (r.error) failures.push(`node "${nodeName}" failed: ${r.error.message}`);
	}
	const outputOfRun = (run) => (((run.data && run.data.main) || [])[0] || []).map((i) => i.json);
	const outputOf = (name, allRuns = false) => {
		const runs = (rd.runData || {})[name];
		if (!runs || runs.length === 0) return null;
		return allRuns ? runs.flatMap(outputOfRun) : outputOfRun(runs[runs.length - 1]);
	};
	for (const n of wf.packageNodes) {
		const items = outputOf(n.name);
		if (items === null) failures.push(`package node "${n.name}" (${n.type}) did not run`);
		else if (items.length === 0 && !(wf.expect && wf.expect.nodes && wf.expect.nodes[n.name] && matches(0, wf.expect.nodes[n.name].items))) {
			failures.push(`package node "${n.name}" produced no items`);
		}
	}
	const expect = wf.expect || {};
	for (const [nodeName, e] of Object.entries(expect.nodes || {})) {
		const items = outputOf(nodeName, e.runs === 'all');
		if (items === null) {
			failures.push(`node "${nodeName}" did not run`);
			continue;
		}
		if (e.items !== undefined && !matches(items.length, e.items)) failures.push(`node "${nodeName}": ${items.length} items, expected ${show(e.items)}`);
		for (const [field, want] of Object.entries(e.sum || {})) {
			const total = items.reduce((s, it) => s + (Number(get(it, field)) || 0), 0);
			if (!matches(total, want)) failures.push(`node "${nodeName}": sum of ${field} is ${total}, expected ${show(want)}`);
		}
		for (const [field, want] of Object.entries(e.every || {})) {
			const bad = items.findIndex((it) => !matches(get(it, field), want));
			if (bad >= 0) failures.push(`node "${nodeName}": item ${bad} has ${field}=${JSON.stringify(get(items[bad], field))}, expected ${show(want)}`);
		}
	}
	if (expect.caught || expect.mentions) failures.push(...checkCaught(caught, expect, 'alerts'));
	for (const [prov, exp] of Object.entries(counterExpectations(expect))) {
		const actual = (counters || {})[prov];
		if (!actual) {
			failures.push(`sandbox has no counters for "${prov}"`);
			continue;
		}
		const explicit = (expect && expect.sandbox && expect.sandbox[prov]) || {};
		for (const [k, want] of Object.entries(exp)) {
			// A default (idempotentReplays) for a provider that keeps no such counter: nothing to check.
			if (actual[k] === undefined && explicit[k] === undefined) continue;
			if (!matches(actual[k], want)) failures.push(`sandbox ${prov}.${k} = ${JSON.stringify(actual[k])}, expected ${show(want)}`);
		}
	}
	return failures;
}

module.exports = { SANDBOX_URL_PLACEHOLDER, listWorkflowFiles, loadWorkflow, checkRun, counterExpectations, idForFile, CLI_START_TYPES, matches, show, get };
