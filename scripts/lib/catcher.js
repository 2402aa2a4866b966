'use strict';
// The sandbox's webhook catcher (`POST /__catcher/<channel>`, read with GET /__admin/catcher): the
// stand-in for Slack and email that the example workflows alert through. Shared by the e2e checks
// of executed examples, published triggers and webhooks.

const axios = require('axios');

/** Every message caught since the last sandbox reset, oldest first: [{ channel, body, … }]. */
async function caughtMessages(sandboxUrl) {
	return (await axios.get(`${sandboxUrl}/__admin/catcher`, { timeout: 10000 })).data.messages;
}

function countByChannel(messages) {
	const counts = {};
	for (const m of messages) counts[m.channel] = (counts[m.channel] || 0) + 1;
	return counts;
}

/**
 * Checks messages against `caught` ({ channel: exact count }; a channel not named must get none)
 * and `mentions`: a text every message contains, or a list of texts each found in some message.
 * Returns failure messages prefixed by `label` (empty = passed).
 */
function checkCaught(messages, { caught: wanted = {}, mentions } = {}, label = 'alerts') {
	const failures = [];
	const counts = countByChannel(messages);
	const bodies = () => JSON.stringify(messages.map((m) => m.body));
	for (const channel of new Set([...Object.keys(counts), ...Object.keys(wanted)])) {
		if ((counts[channel] || 0) !== (wanted[channel] || 0))
			failures.push(`${label}: the catcher got ${counts[channel] || 0} message(s) on ${channel}, expected ${wanted[channel] || 0}: ${bodies()}`);
	}
	if (typeof mentions === 'string' && !messages.every((m) => JSON.stringify(m.body).includes(mentions)))
		failures.push(`${label}: a message does not mention ${mentions}: ${bodies()}`);
	if (Array.isArray(mentions)) {
		for (const text of mentions)
			if (!messages.some((m) => JSON.stringify(m.body).includes(text))) failures.push(`${label}: no message mentions ${text}: ${bodies()}`);
	}
	return failures;
}

module.exports = { caughtMessages, countByChannel, checkCaught };
