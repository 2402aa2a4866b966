import { randomUUID } from 'crypto';

import type { QontoSandboxConfig } from './config';
import type { QontoCounters } from './context';

/** Qonto's own words for a session's state (`GET /v2/sca_sessions/{token}` → `result`). */
export type ScaResult = 'waiting' | 'allow' | 'deny';

export interface ScaSession {
	token: string;
	createdAt: number;
	/** The request that must be replayed identically. */
	fingerprint: string;
	decision: 'allow' | 'deny' | null;
	/** Set when the session ran out (15 minutes) before a decision. */
	canceledAt: number | null;
	/** A session allows one replay. */
	consumed: boolean;
}

type Timing = Pick<QontoSandboxConfig, 'scaSessionTtlMs' | 'scaAutoApproveAfterMs'>;

export class ScaStore {
	private readonly sessions = new Map<string, ScaSession>();

	constructor(private readonly counters: QontoCounters) {}

	start(fingerprint: string, now: number): ScaSession {
		const session: ScaSession = {
			token: randomUUID(),
			createdAt: now,
			fingerprint,
			decision: null,
			canceledAt: null,
			consumed: false,
		};
		this.sessions.set(session.token, session);
		this.counters.scaSessionsCreated += 1;
		return session;
	}

	get(token: string): ScaSession | undefined {
		return this.sessions.get(token);
	}

	list(): ScaSession[] {
		return [...this.sessions.values()].map((session) => ({ ...session }));
	}

	/** The session's result at `now`; auto-approval and expiry are settled on first sight. */
	result(session: ScaSession, now: number, timing: Timing): ScaResult {
		if (session.decision !== null) return session.decision;
		const autoAt =
			timing.scaAutoApproveAfterMs === null
				? null
				: session.createdAt + timing.scaAutoApproveAfterMs;
		const expiresAt = session.createdAt + timing.scaSessionTtlMs;
		if (autoAt !== null && now >= autoAt && autoAt < expiresAt) {
			this.decide(session, 'allow');
			return 'allow';
		}
		if (now >= expiresAt) {
			session.decision = 'deny';
			session.canceledAt = expiresAt;
			this.counters.scaSessionsExpired += 1;
			return 'deny';
		}
		return 'waiting';
	}

	/** Records the user's decision; `false` when the session is no longer waiting. */
	decideNow(session: ScaSession, decision: 'allow' | 'deny', now: number, timing: Timing): boolean {
		if (this.result(session, now, timing) !== 'waiting') return false;
		this.decide(session, decision);
		return true;
	}

	clear(): void {
		this.sessions.clear();
	}

	private decide(session: ScaSession, decision: 'allow' | 'deny'): void {
		session.decision = decision;
		if (decision === 'allow') this.counters.scaSessionsApproved += 1;
		else this.counters.scaSessionsDenied += 1;
	}
}
