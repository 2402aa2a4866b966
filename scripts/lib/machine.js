'use strict';
// The machine a run's figures were measured on, as the result files record it.

const os = require('node:os');

/** { cpus, cpuModel, memoryGiB, node, platform } plus `extra` (e.g. the n8n version). */
function describeMachine(extra = {}) {
	return {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0] && os.cpus()[0].model,
		memoryGiB: Math.round(os.totalmem() / 2 ** 30),
		node: process.version,
		platform: `${process.platform}-${process.arch}`,
		...extra,
	};
}

/** "2 cores, 24 GiB, AMD EPYC …" */
function machineLine(machine = describeMachine()) {
	return `${machine.cpus} cores, ${machine.memoryGiB} GiB, ${machine.cpuModel}`;
}

module.exports = { describeMachine, machineLine };
