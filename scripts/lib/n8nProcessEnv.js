'use strict';
// The environment every process on the cached Node (the one the selected n8n runs on, paths.NODE) gets, and the one every n8n process gets.

const path = require('node:path');

const P = require('./paths');

/** process.env with the cached Node first on PATH (npm scripts and shebangs then use it). */
function nodeEnv(extra = {}) {
	return {
		...process.env,
		PATH: [P.NODE_BIN_DIR, process.env.PATH].filter(Boolean).join(path.delimiter),
		...extra,
	};
}

/**
 * Environment for every n8n process: user folder, loopback only, no outbound calls to n8n's
 * services (telemetry, version notifications, templates, banners), plain-http cookies.
 */
function n8nEnv({ userFolder, port, brokerPort, owner, extra = {} }) {
	const env = nodeEnv({
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_PYTHON_ENABLED: 'false',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		NODE_ENV: 'production',
		...extra,
	});
	// Anything from the caller's shell that would move n8n elsewhere is dropped.
	delete env.N8N_CUSTOM_EXTENSIONS;
	delete env.NODE_OPTIONS;
	delete env.N8N_CONFIG_FILES;
	if (port) {
		env.N8N_PORT = String(port);
		env.N8N_EDITOR_BASE_URL = `http://127.0.0.1:${port}`;
	}
	if (brokerPort) env.N8N_RUNNERS_BROKER_PORT = String(brokerPort);
	if (owner) {
		env.N8N_INSTANCE_OWNER_MANAGED_BY_ENV = 'true';
		env.N8N_INSTANCE_OWNER_EMAIL = owner.email;
		env.N8N_INSTANCE_OWNER_PASSWORD_HASH = owner.passwordHash;
		env.N8N_INSTANCE_OWNER_FIRST_NAME = owner.firstName || 'Demo';
		env.N8N_INSTANCE_OWNER_LAST_NAME = owner.lastName || 'Owner';
	}
	return env;
}

module.exports = { nodeEnv, n8nEnv };
