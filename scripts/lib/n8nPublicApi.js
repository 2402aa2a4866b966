'use strict';
// n8n's public API, as the e2e drives a running n8n: an API key, publishing a workflow, its
// executions.
//
// Everything goes through n8n's public API (`/api/v1`, header X-N8N-API-KEY) except getting the
// API key, which n8n only hands out through its internal REST API (`POST /rest/api-keys` after
// `POST /rest/login`), as the editor does.
//
// n8n 2.x publishes a workflow (`POST /workflows/{id}/publish`, `/unpublish`; `/activate` is a
// deprecated alias); n8n 1.x only has `/activate` and `/deactivate`. Which pair is used is read
// from the public API description the installed n8n ships (activationEndpoints).

const fs = require('node:fs');
const path = require('node:path');

const axios = require('axios');

const P = require('./paths');

/**
 * The public API's pair of endpoints that turn a workflow's trigger on and off, from the
 * installed n8n's own description (dist/public-api/v1/openapi.yml): publish/unpublish when it
 * has them (n8n 2.x), else activate/deactivate (n8n 1.x). Returns { on, off }.
 */
function activationEndpoints(n8nPkgDir = P.N8N_PKG_DIR) {
	const spec = fs.readFileSync(path.join(n8nPkgDir, 'dist', 'public-api', 'v1', 'openapi.yml'), 'utf8');
	const has = (action) => new RegExp(`^  /workflows/\\{[^}]+\\}/${action}:`, 'm').test(spec);
	if (has('publish') && has('unpublish')) return { on: 'publish', off: 'unpublish' };
	if (has('activate') && has('deactivate')) return { on: 'activate', off: 'deactivate' };
	throw new Error(`the public API of n8n ${P.N8N_VERSION} has neither publish/unpublish nor activate/deactivate for workflows`);
}

/**
 * Logs in as the owner and creates an API key with every scope the owner may have. Labels are
 * unique per user, so each key gets its own.
 */
async function createApiKey(n8nUrl, owner) {
	const login = await axios.post(`${n8nUrl}/rest/login`, {
		emailOrLdapLoginId: owner.email,
		password: owner.password,
	});
	const cookie = (login.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
	const headers = { cookie };
	const scopes = (await axios.get(`${n8nUrl}/rest/api-keys/scopes`, { headers })).data.data;
	const created = (
		await axios.post(
			`${n8nUrl}/rest/api-keys`,
			{ label: `bulk-cards e2e ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`, scopes, expiresAt: null },
			{ headers },
		)
	).data.data;
	return {
		key: created.rawApiKey,
		revoke: async () => axios.delete(`${n8nUrl}/rest/api-keys/${created.id}`, { headers }),
	};
}

/** A client of n8n's public API that never throws on an HTTP status. */
function publicApi(n8nUrl, apiKey) {
	return axios.create({
		baseURL: `${n8nUrl}/api/v1`,
		headers: { 'X-N8N-API-KEY': apiKey },
		validateStatus: () => true,
		timeout: 30000,
	});
}

/** The workflow's executions, oldest first (with their data). */
async function listExecutions(api, workflowId) {
	const r = await api.get('/executions', { params: { workflowId, includeData: true, limit: 100 } });
	if (r.status !== 200)
		throw new Error(`GET /api/v1/executions answered ${r.status}: ${JSON.stringify(r.data)}`);
	return [...r.data.data].sort((a, b) => Number(a.id) - Number(b.id));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the workflow has `count` executions, all finished; returns them. */
async function waitForExecutions(api, workflowId, count, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = await listExecutions(api, workflowId);
		const finished = executions.every(
			(e) => e.finished || ['success', 'error', 'crashed', 'canceled'].includes(e.status),
		);
		if (executions.length >= count && finished) return executions;
		if (Date.now() > deadline) {
			throw new Error(
				`waited ${Math.round(timeoutMs / 1000)} s for ${count} finished execution(s) of workflow ${workflowId}; there are ${executions.length} (${executions.map((e) => e.status).join(', ') || 'none'})`,
			);
		}
		await sleep(2000);
	}
}

/** POSTs to a production webhook; a 404 "not registered" just after publishing is asked again. */
async function postWhenRegistered(url, body, timeoutMs = 30000) {
	for (const deadline = Date.now() + timeoutMs; ; ) {
		const r = await axios.post(url, body, { validateStatus: () => true, timeout: 120000 });
		if (r.status !== 404 || Date.now() > deadline) return r;
		await sleep(1000);
	}
}

module.exports = { activationEndpoints, createApiKey, publicApi, listExecutions, waitForExecutions, postWhenRegistered };
