import type { Clock } from '../../nodes/shared/clock';

/**
 * Virtual time for concurrent code: every `sleep` is a timer, and time jumps to the next timer
 * only when nothing else can run. Several callers sleeping at once overlap as in real time.
 */
export class VirtualClock implements Clock {
	private current = 0;
	private sequence = 0;
	private timers: Array<{ at: number; order: number; wake: () => void }> = [];

	now(): number {
		return this.current;
	}

	async sleep(ms: number): Promise<void> {
		await new Promise<void>((wake) =>
			this.timers.push({ at: this.current + Math.max(0, ms), order: this.sequence++, wake }),
		);
	}

	/** Runs `work` to its end, moving time forward whenever every caller is asleep. */
	async run<T>(work: Promise<T>): Promise<T> {
		let finished = false;
		const done = work.finally(() => {
			finished = true;
		});
		while (!finished) {
			await idle();
			if (finished) break;
			if (this.timers.length === 0) throw new Error('deadlock: nothing runs and no timer is set');
			this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
			const next = this.timers.shift()!;
			this.current = Math.max(this.current, next.at);
			next.wake();
		}
		return await done;
	}
}

async function idle(): Promise<void> {
	// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test-only: lets every pending promise settle before virtual time moves
	await new Promise((resolve) => setImmediate(resolve));
}
