/**
 * Jest runs the pages in miniprogram-simulate (jsdom) against the real backend, which
 * globalSetup starts in demo mode on a free loopback port (test/support/backend.js).
 */
module.exports = {
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/**/*.test.js'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.js'],
  testTimeout: 30000,
  maxWorkers: 1, // one shared backend and a 2-core machine: flows run one file at a time
}
