/** The reliability suite (`npm run test:faults`): fault matrix, bad input, secrets, trigger. */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	roots: ['<rootDir>/test/faults'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 600000,
	reporters: ['default', '<rootDir>/test/faults/support/reporter.js'],
};
