'use strict';
// Run by bench/handbuilt/run.js on the cached Node that n8n runs on (Node 24 for n8n 2.41; node:sqlite):
//   node readExecution.js <database.sqlite> <workflowId> <flatted module dir> [field,field…]
// Prints one JSON line about the newest execution of that workflow, read from n8n's database:
// `n8n execute` prints the whole run on stdout, which n8n cuts short when it is large (a run of
// 10,000 cards is ~100 MB), so the run is read where n8n saved it.
//   { id, status, startedAt, stoppedAt, error, nodes: { <name>: { runs, items, errors, executionMs,
//     outcomes, errorItems, firstItemError, sums } } }
// errorItems: output items that carry an `error` (a node set to On Error: Continue); sums: the
// totals of the numeric fields named in the last argument over each node's output items.

const { DatabaseSync } = require('node:sqlite');

const [database, workflowId, flattedDir, sumFields = ''] = process.argv.slice(2);
const { parse } = require(flattedDir);

const db = new DatabaseSync(database, { readOnly: true });
const execution = db
	.prepare('SELECT id, status, startedAt, stoppedAt FROM execution_entity WHERE workflowId = ? ORDER BY CAST(id AS INTEGER) DESC LIMIT 1')
	.get(workflowId);
if (!execution) {
	console.log(JSON.stringify({ found: false }));
	process.exit(0);
}
const row = db.prepare('SELECT data FROM execution_data WHERE executionId = ?').get(execution.id);
const data = row ? parse(row.data) : null;
const result = (data && data.resultData) || {};
const nodes = {};
for (const [name, runs] of Object.entries(result.runData || {})) {
	const items = runs.flatMap((r) => ((r.data && r.data.main && r.data.main[0]) || []).map((i) => i.json));
	const outcomes = {};
	for (const item of items) if (item && item.outcome) outcomes[item.outcome] = (outcomes[item.outcome] || 0) + 1;
	const failed = items.filter((item) => item && item.error);
	const sums = {};
	for (const field of sumFields.split(',').filter(Boolean)) {
		const total = items.reduce((sum, item) => sum + (item && typeof item[field] === 'number' ? item[field] : 0), 0);
		if (total) sums[field] = total;
	}
	nodes[name] = {
		runs: runs.length,
		items: items.length,
		errors: runs.filter((r) => r.error).map((r) => r.error.message),
		executionMs: runs.reduce((sum, r) => sum + (r.executionTime || 0), 0),
		outcomes,
		errorItems: failed.length,
		firstItemError: failed.length ? String(failed[0].error.message || failed[0].error).slice(0, 200) : null,
		sums,
	};
}
console.log(
	JSON.stringify({
		found: true,
		id: execution.id,
		status: execution.status,
		startedAt: execution.startedAt,
		stoppedAt: execution.stoppedAt,
		error: result.error ? { message: result.error.message, node: result.error.node && result.error.node.name } : null,
		nodes,
	}),
);
