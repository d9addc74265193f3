/**
 * The shim's privacy APIs, refusing as WeChat's base library (2.32.3 and later) does.
 *
 * - A privacy API (getLocation, chooseMedia, saveImageToPhotosAlbum ...) called before the
 *   parent agreed to the 用户隐私保护指引 stays pending and fires the listener given to
 *   wx.onNeedPrivacyAuthorization with (resolve, {referrer}). resolve({event: 'agree',
 *   buttonId}) lets it go on only if that button's agreeprivacyauthorization event fired
 *   (tests fire it through pages.js `agreePrivacy`); resolve({event: 'disagree'}) fails it
 *   with "<api>:fail privacy permission is not authorized" (errno 104). Without a
 *   listener WeChat would show its own popup; here that popup is refused, so a page that
 *   forgot its handler fails the same way and the test sees it.
 * - Then the permission scope: asked once (`permissionAnswers`, default allow); once
 *   refused, "<api>:fail auth deny" until wx.openSetting (inside a tap) grants it
 *   (`settingChanges` is what the parent switches on there).
 * - `failNext[api]` makes the next call fail with a given errMsg (system errors).
 */
const fs = require('fs')

const SCOPES = {
  getLocation: 'scope.userLocation',
  saveImageToPhotosAlbum: 'scope.writePhotosAlbum',
}
const PRIVACY_ERRNO = 104
const CONTRACT_NAME = '《双减监督小程序隐私保护指引》'

/** The privacy and permission state of a fresh phone. */
function privacyState() {
  return {
    agreed: false, // the parent agreed to the privacy notice
    listener: null, // what the page gave wx.onNeedPrivacyAuthorization
    asked: [], // referrers of each onNeedPrivacyAuthorization event
    exposed: 0, // resolve({event: 'exposureAuthorization'}) calls
    tappedButtons: new Set(), // ids of agree buttons whose event fired
    contractOpened: 0,
    permissions: {}, // scope -> true / false (undefined: never asked)
    permissionAnswers: {}, // scope -> 'deny' to refuse the system prompt
    permissionPrompts: [],
    settingChanges: {}, // scope -> true: what the parent switches on in openSetting
    settingsOpened: 0,
  }
}

function addPrivacyApis(wx, state, finish) {
  const privacy = state.privacy

  function fail(api, options, errMsg, extra = {}) {
    setTimeout(() => finish(options, false, Object.assign({ errMsg }, extra)), 0)
  }

  /** Run `proceed` once privacy and the API's permission allow it, else fail as WeChat. */
  function gate(api, options, proceed) {
    const afterPrivacy = () => {
      const scope = SCOPES[api]
      if (scope && privacy.permissions[scope] === undefined) {
        privacy.permissionPrompts.push(scope)
        privacy.permissions[scope] = privacy.permissionAnswers[scope] !== 'deny'
      }
      if (scope && !privacy.permissions[scope]) return fail(api, options, api + ':fail auth deny')
      if (state.failNext[api]) {
        const errMsg = state.failNext[api]
        delete state.failNext[api]
        return fail(api, options, errMsg)
      }
      return proceed()
    }
    if (privacy.agreed) return setTimeout(afterPrivacy, 0)
    const refuse = () => fail(api, options, api + ':fail privacy permission is not authorized', { errno: PRIVACY_ERRNO })
    if (!privacy.listener) return refuse()
    privacy.asked.push(api)
    let settled = false
    const resolve = ({ event, buttonId } = {}) => {
      if (event === 'exposureAuthorization') return (privacy.exposed += 1)
      if (settled) return undefined
      settled = true
      if (event === 'agree' && privacy.tappedButtons.has(buttonId)) {
        privacy.agreed = true
        return afterPrivacy()
      }
      return refuse()
    }
    return privacy.listener(resolve, { referrer: api })
  }

  Object.assign(wx, {
    onNeedPrivacyAuthorization(listener) {
      privacy.listener = listener
    },
    requirePrivacyAuthorize(options) {
      gate('requirePrivacyAuthorize', options, () => finish(options, true, { errMsg: 'requirePrivacyAuthorize:ok' }))
    },
    getPrivacySetting(options) {
      const res = { needAuthorization: !privacy.agreed, privacyContractName: CONTRACT_NAME, errMsg: 'getPrivacySetting:ok' }
      setTimeout(() => finish(options, true, res), 0)
    },
    openPrivacyContract(options = {}) {
      privacy.contractOpened += 1
      setTimeout(() => finish(options, true, { errMsg: 'openPrivacyContract:ok' }), 0)
    },
    getSetting(options) {
      const authSetting = Object.assign({}, privacy.permissions)
      setTimeout(() => finish(options, true, { authSetting, errMsg: 'getSetting:ok' }), 0)
    },
    openSetting(options = {}) {
      if (!state.inTap) return fail('openSetting', options, 'openSetting:fail can only be invoked by user TAP gesture.')
      privacy.settingsOpened += 1
      Object.assign(privacy.permissions, privacy.settingChanges)
      const authSetting = Object.assign({}, privacy.permissions)
      return setTimeout(() => finish(options, true, { authSetting, errMsg: 'openSetting:ok' }), 0)
    },
    getLocation(options) {
      state.locationRequests.push(options.type)
      gate('getLocation', options, () => finish(options, true, Object.assign({ errMsg: 'getLocation:ok' }, state.location)))
    },
    chooseMedia(options) {
      state.mediaRequests.push(options.count)
      gate('chooseMedia', options, () => {
        const files = state.media.splice(0, options.count || 9)
        if (!files.length) return finish(options, false, { errMsg: 'chooseMedia:fail cancel' })
        const size = (file) => state.mediaSize || fs.statSync(file).size
        const tempFiles = files.map((file) => ({ tempFilePath: file, size: size(file), fileType: 'image' }))
        return finish(options, true, { type: 'image', tempFiles, errMsg: 'chooseMedia:ok' })
      })
    },
    saveImageToPhotosAlbum(options) {
      gate('saveImageToPhotosAlbum', options, () => {
        state.saved.push(options.filePath)
        finish(options, true, { errMsg: 'saveImageToPhotosAlbum:ok' })
      })
    },
  })
}

module.exports = { privacyState, addPrivacyApis }
