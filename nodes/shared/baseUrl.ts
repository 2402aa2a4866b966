const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; problem: string };

/**
 * Validates a user-entered API root: https anywhere, plain http only on this machine
 * (a local simulator), so that API keys never travel unencrypted.
 */
export function checkBaseUrl(raw: unknown): BaseUrlCheck {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (text === '') return { ok: false, problem: 'The credential has no Base URL' };
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		return { ok: false, problem: `The credential's Base URL "${text}" is not a valid URL` };
	}
	if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
		return {
			ok: false,
			problem: `The credential's Base URL uses plain http on "${parsed.hostname}"; use https (plain http is accepted only for 127.0.0.1 or localhost)`,
		};
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		return { ok: false, problem: `The credential's Base URL must start with https://` };
	}
	if (parsed.search || parsed.hash) {
		return { ok: false, problem: `The credential's Base URL must not contain "?" or "#"` };
	}
	return { ok: true, url: text.replace(/\/+$/, '') };
}
