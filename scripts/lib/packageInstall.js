'use strict';
// This package into a real n8n: `npm pack`, then the steps of n8n's community-packages service
// into <user folder>/.n8n/nodes, a description of the node types it brings, and (optionally) the
// database rows n8n's UI install would write.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const P = require('./paths');
const { tail } = require('./log');
const { readJson } = require('./json');
const { npmCliPath } = require('./npm');
const { nodeEnv } = require('./n8nProcessEnv');
const { run } = require('./proc');

const PROGRAMS = path.join(__dirname, 'programs');

/**
 * `npm pack` of the project (dist/ must be built) into `destDir` (default: a new temp dir).
 * Returns { tarball, name, version }.
 */
async function packPackage({ projectDir = P.PROJECT_ROOT, destDir } = {}) {
	const pkg = readJson(path.join(projectDir, 'package.json'));
	for (const f of [...((pkg.n8n && pkg.n8n.nodes) || []), ...((pkg.n8n && pkg.n8n.credentials) || [])]) {
		if (!fs.existsSync(path.join(projectDir, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
	}
	const dest = destDir || fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-cards-pack-'));
	fs.mkdirSync(dest, { recursive: true });
	const r = await run(process.execPath, [npmCliPath(), 'pack', '--json', '--pack-destination', dest, '--loglevel=warn'], {
		cwd: projectDir,
	});
	const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
	const tarball = path.join(dest, info[0].filename);
	return { tarball, name: info[0].name, version: info[0].version, files: info[0].files.length };
}

/** Ledger n8n keeps next to the installed packages (<user>/.n8n/nodes/package.json). */
function updateNodesLedger(nodesDir, name, version) {
	const file = path.join(nodesDir, 'package.json');
	let ledger = null;
	try {
		ledger = readJson(file);
	} catch {
		/* rebuilt below */
	}
	if (!ledger || typeof ledger.dependencies !== 'object' || ledger.dependencies === null) {
		ledger = { name: 'installed-nodes', private: true, dependencies: {} };
	}
	ledger.dependencies[name] = version;
	fs.writeFileSync(file, JSON.stringify(ledger, null, 2), 'utf8');
}

/**
 * Installs a package tarball into <userFolder>/.n8n/nodes exactly like n8n 2.41's (and 1.123's)
 * CommunityPackagesService.downloadPackage() does after its `npm pack <name>@<version>`:
 *   tar -xzf <tgz> -C <nodes>/node_modules/<name> --strip-components=1
 *   drop devDependencies/peerDependencies/optionalDependencies from its package.json
 *   npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *               --ignore-scripts=true --package-lock=false          (cwd: the package dir)
 *   record { name: version } in <nodes>/package.json
 * At start-up n8n (CommunityPackagesModule.nodeLoaders → scanDirectoryForPackages) loads every
 * <nodes>/node_modules/n8n-nodes-* with a LazyPackageDirectoryLoader; node types are
 * `<package name>.<node name>`. Loading needs no `installed_packages` row (see registerInstalledPackage).
 * Returns { name, version, author, packageDir, nodes: [{type, name, displayName, version}],
 * nodeTypes, credentialTypes }.
 */
async function installPackageIntoUserFolder(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	// Name/version from the tarball itself.
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-cards-unpack-'));
	try {
		await run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1', 'package/package.json']);
		const { name, version } = readJson(path.join(staging, 'package.json'));
		if (!/^(@[^/]+\/)?n8n-nodes-/.test(name)) {
			throw new Error(`package ${name} would not be loaded by n8n: names must be n8n-nodes-* or @scope/n8n-nodes-*`);
		}
		const packageDir = path.join(nodesDir, 'node_modules', name);
		fs.rmSync(packageDir, { recursive: true, force: true }); // reinstall = clean replace
		fs.mkdirSync(packageDir, { recursive: true });
		await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
		const pjFile = path.join(packageDir, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...pj } = readJson(pjFile);
		fs.writeFileSync(pjFile, JSON.stringify(pj, null, 2), 'utf8');
		await run(
			P.NODE,
			[
				npmCliPath(),
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--loglevel=warn',
			],
			{ cwd: packageDir, env: nodeEnv() },
		);
		updateNodesLedger(nodesDir, name, version);
		const described = await describeInstalledNodes(packageDir);
		return {
			name,
			version,
			author: pj.author,
			packageDir,
			nodes: described.nodes,
			nodeTypes: described.nodes.map((n) => n.type),
			credentialTypes: described.credentials,
		};
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

/**
 * Optional: writes the installed_packages / installed_nodes rows n8n's UI install would write, so
 * Settings > Community nodes lists the package. Not needed for loading (n8n scans
 * .n8n/nodes/node_modules). Needs the DB to exist (run any n8n command first, e.g. an import).
 */
async function registerInstalledPackage(userFolder, { name, version, author, nodes }) {
	// nodes: [{ type, displayName, version }] as returned by installPackageIntoUserFolder()
	const dbFile = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(dbFile)) throw new Error(`no n8n database at ${dbFile} yet`);
	const sqliteDir = path.join(P.N8N_DIR, 'node_modules', 'sqlite3');
	const payload = JSON.stringify({ name, version, author, nodes });
	await run(P.NODE, [path.join(PROGRAMS, 'registerPackage.js'), sqliteDir, dbFile, payload], {
		env: nodeEnv(),
	});
}

/**
 * Loads the package's node and credential classes (as n8n would: n8n's own n8n-workflow on the
 * module path, n8n's Node) and returns { nodes: [{ type, name, displayName, version }], credentials:
 * [name] }. Node types are `<package name>.<description.name>`, the prefix n8n gives npm-installed
 * packages. Throws when a file listed in package.json "n8n" does not load.
 */
async function describeInstalledNodes(packageDir) {
	const pj = readJson(path.join(packageDir, 'package.json'));
	const args = [path.join(PROGRAMS, 'describeNodes.js'), packageDir, JSON.stringify(pj.n8n || {}), pj.name];
	const r = await run(P.NODE, args, {
		env: nodeEnv({ NODE_PATH: path.join(P.N8N_DIR, 'node_modules') }),
		allowFailure: true,
	});
	if (r.code !== 0) throw new Error(`the node/credential files of ${pj.name} do not load in Node ${P.NODE_MAJOR} + n8n's n8n-workflow:\n${tail(r.stderr, 20)}`);
	const out = JSON.parse(r.stdout.trim().split('\n').pop());
	if (out.nodes.length === 0) throw new Error(`${pj.name}: no node classes found in package.json "n8n".nodes`);
	return out;
}


module.exports = { packPackage, installPackageIntoUserFolder, registerInstalledPackage, describeInstalledNodes };
