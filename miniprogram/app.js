/**
 * The mini-program: sign the parent in as it starts (wx.login -> POST /auth/login), listen
 * for WeChat's privacy authorization requests (utils/privacy.js), apply a new version
 * when WeChat has downloaded one, and log uncaught errors.
 *
 * Pages need no global state: utils/api.js keeps the token in storage and signs in
 * again by itself whenever the server answers 401 (expired or invalid token).
 */
const api = require('./utils/api')
const privacy = require('./utils/privacy')

/** A new version downloaded in the background: offer to restart into it. */
function watchForUpdates() {
  if (!wx.getUpdateManager) return
  const manager = wx.getUpdateManager()
  manager.onUpdateReady(() => {
    wx.showModal({
      title: '发现新版本',
      content: '新版本已经准备好，是否重启小程序使用新版本？',
      success: (res) => res.confirm && manager.applyUpdate(),
    })
  })
}

App({
  onLaunch() {
    privacy.install()
    watchForUpdates()
    // A failed sign-in is not fatal: the first request that needs a token tries again.
    return api.login().catch(() => null)
  },

  onError(message) {
    console.error('[小程序错误]', message) // shown in WeChat's real-time log; no personal data
  },
})
