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
 * A heartbeat for proc.run() of a step that cannot be counted: every `everyMs`, a line saying what
 * runs and the time left, `typicalMs` (how long the step usually takes here) less the time spent.
 */
function progressHeartbeat({ what, typicalMs, everyMs = 10000 }) {
	return {
		everyMs,
		message: (elapsedMs) => `… ${what}: ${duration(elapsedMs)} so far, ${timeLeft(typicalMs - elapsedMs)}`,
	};
}

module.exports = { duration, timeLeft, progressHeartbeat };
