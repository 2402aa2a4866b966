'use strict';
// Progress lines for long, otherwise silent steps (installs, compiles): what is being done, how far
// it got when that can be counted, and about how long is left (an estimate, and said to be one).

/** `95` → `1 min 35 s`. */
function duration(ms) {
	const seconds = Math.max(0, Math.round(ms / 1000));
	if (seconds < 60) return `${seconds} s`;
	return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

function timeLeft(ms) {
	return ms > 5000 ? `about ${duration(ms)} left` : 'nearly done, or slower than usual';
}

/**
 * A heartbeat for proc.run(): every `everyMs`, a line saying what runs, its count against the
 * expected total when `count()` is given, and the time left. The time left is extrapolated from
 * the pace of the count since it started moving (npm first resolves the whole tree, counting
 * nothing, then unpacks); before that, and for steps that cannot be counted, it is `typicalMs`
 * (how long the whole step usually takes here) less the time spent. `beforeCount` names what runs
 * while the count is still 0.
 */
function progressHeartbeat({ what, typicalMs, count, unit = 'packages', beforeCount, everyMs = 10000 }) {
	let countStartedBy = 0; // elapsed ms at the last line that counted nothing
	return {
		everyMs,
		message(elapsedMs) {
			const parts = [`${what}: ${duration(elapsedMs)} so far`];
			const counted = count ? count() : undefined;
			let leftMs = typicalMs === undefined ? undefined : typicalMs - elapsedMs;
			if (counted && counted.total > 0 && counted.done > 0) {
				const fraction = Math.min(0.99, counted.done / counted.total);
				parts.push(`${counted.done} of about ${counted.total} ${unit} (${Math.round(fraction * 100)} %)`);
				leftMs = ((elapsedMs - countStartedBy) * (1 - fraction)) / fraction;
			} else if (counted) {
				countStartedBy = elapsedMs;
				if (beforeCount) parts.push(beforeCount);
			}
			if (leftMs !== undefined) parts.push(timeLeft(leftMs));
			return `… ${parts.join(', ')}`;
		},
	};
}

module.exports = { duration, progressHeartbeat };
