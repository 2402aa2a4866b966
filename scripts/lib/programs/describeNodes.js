'use strict';
// Run on the cached Node of the selected n8n, with n8n's own n8n-workflow on NODE_PATH, by
// packageInstall.describeInstalledNodes():
//   node describeNodes.js <package dir> <JSON of package.json "n8n"> <package name>
// Loads the package's node and credential classes as n8n would and prints one JSON line:
// { nodes: [{ type, name, displayName, version }], credentials: [name] }.

const path = require('node:path');

const [dir, n8nSectionJson, prefix] = process.argv.slice(2);
const n8nSection = JSON.parse(n8nSectionJson);
const classesOf = (file) => Object.values(require(path.join(dir, file))).filter((C) => typeof C === 'function');
const instantiate = (C) => {
	try {
		return new C();
	} catch {
		return undefined;
	}
};

const nodes = [];
const credentials = [];
for (const file of n8nSection.nodes || []) {
	for (const C of classesOf(file)) {
		const instance = instantiate(C);
		const description = instance && (instance.description || instance.baseDescription);
		if (!description || !description.name) continue;
		const version = instance.description
			? instance.description.version
			: instance.baseDescription.defaultVersion || instance.currentVersion;
		nodes.push({
			type: `${prefix}.${description.name}`,
			name: description.name,
			displayName: description.displayName,
			version: Array.isArray(version) ? Math.max(...version) : version || 1,
		});
	}
}
for (const file of n8nSection.credentials || []) {
	for (const C of classesOf(file)) {
		const instance = instantiate(C);
		if (instance && typeof instance.name === 'string' && Array.isArray(instance.properties)) {
			credentials.push(instance.name);
		}
	}
}
console.log(JSON.stringify({ nodes, credentials }));
