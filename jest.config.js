/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The reliability suite runs on its own (`npm run test:faults`, jest.faults.config.js).
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
	},
	setupFiles: ['<rootDir>/test/setup-env.js'],
	maxWorkers: 2,
	testTimeout: 30000,
};
