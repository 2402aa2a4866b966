'use strict';
// What the editor test switches through in a node's parameter panel, derived from the node's
// description as n8n serves it (/types/nodes.json), never from a hard-coded list:
//   * "selectors" are the options parameters marked `noDataExpression` (resource, operation, the
//     trigger's provider and watch pickers): they decide which other parameters show;
//   * "auth fields" are the parameters the credentials' displayOptions depend on (the trigger's
//     provider, Qonto's authentication). n8n 2.41's parameter panel does not show them as
//     parameters (it folds them into the credential picker), so they cannot be switched there:
//     each value of them becomes a node of its own, created with that value preset ("preset");
//   * a "combination" is one choice for every selector visible under the choices before it
//     (resource → operation, provider → watch), in the order the description lists them;
//   * for each combination, the parameters n8n must render and the ones it may flag as empty and
//     required, computed with n8n-workflow's own NodeHelpers (the editor uses the same logic).
// Options n8n adds to a description itself (values starting with "__", e.g. __CUSTOM_API_CALL__
// for nodes with a credential that can sign HTTP Request calls) are not the package's: skipped.

const { NodeHelpers } = require('n8n-workflow');

/** Parameter types the NDV renders without a visible label of their own. */
const UNLABELLED_TYPES = new Set(['hidden', 'notice', 'callout', 'button', 'credentialsSelect', 'curlImport']);

function isSelector(p) {
	return p.type === 'options' && p.noDataExpression === true && Array.isArray(p.options) && p.options.length > 0;
}

/** Names of the parameters the node's credentials are shown by (displayOptions.show keys). */
function authFieldNames(desc) {
	const names = new Set();
	for (const c of desc.credentials || []) for (const k of Object.keys((c.displayOptions && c.displayOptions.show) || {})) names.add(k);
	return names;
}

function nodeOf(desc, parameters) {
	return { name: desc.displayName, type: desc.name, typeVersion: 1, parameters, position: [0, 0] };
}

/** The node's full parameter values (defaults filled in) for the given chosen values. */
function parametersFor(desc, chosen) {
	return NodeHelpers.getNodeParameters(desc.properties, chosen, true, false, nodeOf(desc, chosen), desc) || {};
}

function visibleProperties(desc, values) {
	return desc.properties.filter((p) => NodeHelpers.displayParameter(values, p, nodeOf(desc, values), desc));
}

/**
 * Every combination of choices. Returns [{ preset: [choice], choices: [choice], parameters,
 * visible: [property], requiredEmpty: Set<name> }], choice = { name, displayName, value, label }:
 * `preset` = auth field values (set when the node is created), `choices` = what the test picks in
 * the panel's dropdowns, in order.
 */
function selectorCombinations(desc) {
	const auth = authFieldNames(desc);
	const out = [];
	const walk = (preset, choices) => {
		const chosen = Object.fromEntries([...preset, ...choices].map((c) => [c.name, c.value]));
		const values = parametersFor(desc, chosen);
		const visible = visibleProperties(desc, values);
		const next = visible.find((p) => !(p.name in chosen) && (isSelector(p) || (auth.has(p.name) && p.type === 'options' && Array.isArray(p.options))));
		if (next) {
			for (const o of next.options.filter((x) => !String(x.value).startsWith('__'))) {
				const c = { name: next.name, displayName: next.displayName, value: o.value, label: o.name };
				if (auth.has(next.name)) walk([...preset, c], choices);
				else walk(preset, [...choices, c]);
			}
			return;
		}
		const requiredEmpty = new Set(
			visible.filter((p) => p.required && (values[p.name] === '' || values[p.name] === undefined || values[p.name] === null)).map((p) => p.name),
		);
		out.push({ preset, choices, parameters: values, visible, requiredEmpty });
	};
	walk([], []);
	return out;
}

/** The combinations grouped by preset: one node per group, [{ preset, combos }]. */
function groupByPreset(combos) {
	const groups = new Map();
	for (const c of combos) {
		const key = JSON.stringify(c.preset.map((p) => [p.name, p.value]));
		if (!groups.has(key)) groups.set(key, { preset: c.preset, combos: [] });
		groups.get(key).combos.push(c);
	}
	return [...groups.values()];
}

/** Labels the panel must show for a combination (each visible, labelled parameter but auth fields). */
function expectedLabels(desc, combo) {
	const auth = authFieldNames(desc);
	return [...new Set(combo.visible.filter((p) => !UNLABELLED_TYPES.has(p.type) && p.displayName && !auth.has(p.name)).map((p) => p.displayName))];
}

/** The credential (type) the node uses with these parameter values, or null. */
function credentialTypeFor(desc, values) {
	const c = (desc.credentials || []).find((cr) => {
		const show = (cr.displayOptions && cr.displayOptions.show) || {};
		return Object.entries(show).every(([k, vs]) => vs.includes(values[k]));
	});
	return c ? c.name : null;
}

module.exports = { isSelector, authFieldNames, selectorCombinations, groupByPreset, expectedLabels, parametersFor, credentialTypeFor };
