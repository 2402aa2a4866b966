import { QONTO_DEMO_ACCESS_TOKEN } from './providers/qonto';
import type { SandboxOptions } from './server';

/**
 * `--demo`: the settings of `npm start` and the e2e run, whose n8n credentials are imported once,
 * and whose example workflows wait for orders to complete:
 * - Qonto: a bearer token that survives resets, the token endpoint without the staging token (n8n
 *   cannot send it there, see sandbox/README.md), approvals that a person "gives" after 1.5 s, and
 *   virtual cards live after 4 s;
 * - NymCard: a submitted bulk processing after 2 s and completed after 6 s (real bulks take days).
 * Paysafe's defaults already finish a bulk in 3 s; Dintero creates cards at once.
 */
export const DEMO_SANDBOX_OPTIONS: Readonly<Omit<SandboxOptions, 'port'>> = Object.freeze({
	qonto: {
		demoAccessTokens: [QONTO_DEMO_ACCESS_TOKEN],
		stagingTokenOnTokenEndpoint: false,
		scaAutoApproveAfterMs: 1500,
		virtualLiveAfterMs: 4000,
	},
	nymcard: { processingAfterMs: 2000, completedAfterMs: 6000 },
});
