/**
 * The mini-program: sign the parent in as it starts (wx.login -> POST /auth/login).
 *
 * Pages need no global state: utils/api.js keeps the token in storage and signs in
 * again by itself whenever the server answers 401 (expired or invalid token).
 */
const api = require('./utils/api')

App({
  onLaunch() {
    // A failed sign-in is not fatal: the first request that needs a token tries again.
    return api.login().catch(() => null)
  },
})
