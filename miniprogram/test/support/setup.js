/**
 * Before each test: a fresh `wx` shim (real HTTP, empty storage, nothing recorded) and the
 * API base pointed at the backend globalSetup started.
 */
require('miniprogram-simulate') // defines Component, Behavior and a stub `wx` first
const { createShim } = require('./wx-shim')
const api = require('../../utils/api')

// Retries after no answer wait a few milliseconds here, not the seconds a phone waits.
api.configure({ base: process.env.MP_TEST_ORIGIN + '/api/mp/v1', retryDelays: [5, 5] })

beforeEach(() => {
  const { wx, state } = createShim()
  Object.assign(global.wx, wx)
  global.shim = state
})
