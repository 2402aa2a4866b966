'use strict';
// Progress lines for long, otherwise silent steps (installs, compiles): what is being done, how far
// it got when that can be counted, and about how long is left (an estimate, and said to be one).

/** `95` → `1 min 35 s`. */
function duration(ms) {
	const seconds = Math.max(0, Math.round(ms / 1000));
	if (seconds < 60) return `${seconds} s`;
	return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/**
 * A heartbeat for proc.run(): every `everyMs`, a line saying what runs, its count against the
 * expected total when `count()` is given, and the time left, estimated from the count or from
 * `typicalMs` (how long the step usually takes here).
 */
function progressHeartbeat({ what, typicalMs, count, unit = 'packages', everyMs = 10000 }) {
	return {
		everyMs,
		message(elapsedMs) {
			const parts = [`${what}: ${duration(elapsedMs)} so far`];
			const counted = count ? count() : undefined;
			let leftMs;
			if (counted && counted.total > 0 && counted.done > 0) {
				const fraction = Math.min(0.99, counted.done / counted.total);
				parts.push(`${counted.done} of about ${counted.total} ${unit} (${Math.round(fraction * 100)} %)`);
				leftMs = (elapsedMs * (1 - fraction)) / fraction;
			} else if (typicalMs) {
				leftMs = typicalMs - elapsedMs;
			}
			if (leftMs !== undefined) {
				parts.push(leftMs > 5000 ? `about ${duration(leftMs)} left` : 'nearly done, or slower than usual');
			}
			return `… ${parts.join(', ')}`;
		},
	};
}

module.exports = { duration, progressHeartbeat };
