/**
 * The `wx` object the pages see in tests, as strict as WeChat's base library. Network calls are real: wx.request,
 * wx.uploadFile and wx.downloadFile go over HTTP to the backend on loopback, and
 * wx.login returns a fresh random code each call (the fake WeChat server takes a code
 * once, like WeChat). The device side (storage, location, photo picker, subscribe-message
 * prompt, navigation, toasts) is programmable and recorded, so tests can play the parent.
 *
 * Like WeChat, a request that got any HTTP answer calls `success` (whatever its status);
 * only a request that got no answer calls `fail`.
 *
 * Privacy and permissions (privacy-gate.js) refuse as the base library does: privacy APIs
 * wait for the parent's agreement through wx.onNeedPrivacyAuthorization, a refused
 * permission stays refused until wx.openSetting grants it, and openSetting and
 * requestSubscribeMessage work only inside a tap (tests tap through pages.js).
 */
const crypto = require('crypto')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { send, multipart } = require('./http')
const { privacyState, addPrivacyApis } = require('./privacy-gate')

function queryString(data) {
  return Object.keys(data)
    .filter((k) => data[k] !== undefined && data[k] !== null)
    .map((k) => encodeURIComponent(k) + '=' + encodeURIComponent(data[k]))
    .join('&')
}

function lowerKeys(headers) {
  const out = {}
  Object.keys(headers || {}).forEach((k) => {
    out[k.toLowerCase()] = headers[k]
  })
  return out
}

function finish(options, ok, res) {
  const callback = ok ? options.success : options.fail
  if (typeof callback === 'function') callback(res)
  if (typeof options.complete === 'function') options.complete(res)
}

function createShim() {
  const state = {
    storage: new Map(),
    requests: [], // {method, url, header, status (wx.request: once answered)}
    logins: [], // codes handed out
    navigations: [], // {how, url}
    toasts: [],
    modals: [],
    subscribePrompts: [], // tmplIds asked for
    subscribeAnswer: 'accept',
    location: { latitude: 29.07, longitude: 119.65 }, // somewhere in the demo county; tests set their own
    locationRequests: [],
    media: [], // paths chooseMedia will return
    mediaRequests: [],
    failNextUploads: 0, // make the next N uploads fail as if the network dropped
    activeUploads: 0,
    maxActiveUploads: 0, // the most uploads that ran at once
    mediaSize: null, // the size chooseMedia reports for each file (bytes), when set
    dropNextResponses: 0, // wx.request: the server gets the next N requests, the answers are lost
    dropOnly: null, // ...only of requests whose URL contains this, when set
    previews: [],
    saved: [],
    tempDir: fs.mkdtempSync(path.join(os.tmpdir(), 'mp-shim-')),
    inTap: false, // set by the tests' tap helpers while a tap handler runs
    uploadFailure: 'uploadFile:fail timeout', // the errMsg failNextUploads gives
    requestFailure: null, // errMsg: the next wx.request fails without reaching the server
    failNext: {}, // api -> errMsg its next call fails with (getLocation, chooseMedia ...)
    calls: [], // {api, options}: makePhoneCall, openLocation, compressImage ...
    privacy: privacyState(),
  }

  const wx = {
    request(options) {
      let url = options.url
      const method = (options.method || 'GET').toUpperCase()
      const header = Object.assign({}, options.header)
      let body = null
      if (options.data !== undefined && options.data !== null) {
        if (method === 'GET') {
          const qs = typeof options.data === 'string' ? options.data : queryString(options.data)
          if (qs) url += (url.includes('?') ? '&' : '?') + qs
        } else {
          body = typeof options.data === 'string' ? options.data : JSON.stringify(options.data)
        }
      }
      const record = { method, url, header, status: null }
      state.requests.push(record)
      if (state.requestFailure) {
        const errMsg = state.requestFailure
        state.requestFailure = null
        setTimeout(() => finish(options, false, { errMsg, errno: 600001 }), 0)
        return { abort() {} }
      }
      send(url, { method, headers: header, body, timeout: options.timeout || 15000 }).then(
        (res) => {
          record.status = res.status
          if (state.dropNextResponses > 0 && (!state.dropOnly || url.includes(state.dropOnly))) {
            state.dropNextResponses -= 1
            return finish(options, false, { errMsg: 'request:fail timeout' })
          }
          let data = res.body.toString('utf8')
          if ((options.dataType || 'json') === 'json') {
            try {
              data = JSON.parse(data)
            } catch (e) {
              // WeChat hands over the text when it is not JSON
            }
          }
          finish(options, true, { statusCode: res.status, data, header: res.headers, errMsg: 'request:ok' })
        },
        (error) => finish(options, false, { errMsg: 'request:fail ' + error.message })
      )
      return { abort() {} }
    },

    uploadFile(options) {
      const listeners = []
      const task = {
        onProgressUpdate(cb) {
          listeners.push(cb)
        },
        abort() {},
      }
      state.requests.push({ method: 'POST', url: options.url, header: Object.assign({}, options.header), upload: options.filePath })
      state.activeUploads += 1
      state.maxActiveUploads = Math.max(state.maxActiveUploads, state.activeUploads)
      const done = (ok, res) => {
        state.activeUploads -= 1
        finish(options, ok, res)
      }
      setTimeout(() => {
        if (state.failNextUploads > 0) {
          state.failNextUploads -= 1
          return done(false, { errMsg: state.uploadFailure, errno: 600003 })
        }
        const bytes = fs.readFileSync(options.filePath)
        const form = multipart(options.name, path.basename(options.filePath), bytes, options.formData || {})
        const headers = Object.assign({}, options.header, { 'Content-Type': form.contentType })
        send(options.url, {
          method: 'POST',
          headers,
          body: form.body,
          timeout: options.timeout || 60000,
          onWrite: (sent, total) =>
            listeners.forEach((cb) =>
              cb({ progress: Math.round((sent / total) * 100), totalBytesSent: sent, totalBytesExpectedToSend: total })
            ),
        }).then(
          (res) => done(true, { statusCode: res.status, data: res.body.toString('utf8'), errMsg: 'uploadFile:ok' }),
          (error) => done(false, { errMsg: 'uploadFile:fail ' + error.message })
        )
      }, 0)
      return task
    },

    downloadFile(options) {
      state.requests.push({ method: 'GET', url: options.url, header: Object.assign({}, options.header), download: true })
      send(options.url, { headers: options.header || {} }).then(
        (res) => {
          const file = path.join(state.tempDir, 'download-' + crypto.randomBytes(6).toString('hex'))
          fs.writeFileSync(file, res.body)
          finish(options, true, {
            statusCode: res.status,
            tempFilePath: file,
            header: lowerKeys(res.headers),
            errMsg: 'downloadFile:ok',
          })
        },
        (error) => finish(options, false, { errMsg: 'downloadFile:fail ' + error.message })
      )
      return { abort() {}, onProgressUpdate() {} }
    },

    login(options) {
      const code = 'mp-' + crypto.randomBytes(12).toString('hex')
      state.logins.push(code)
      setTimeout(() => finish(options, true, { code, errMsg: 'login:ok' }), 0)
    },

    getStorageSync: (key) => (state.storage.has(key) ? JSON.parse(state.storage.get(key)) : ''),
    setStorageSync: (key, value) => state.storage.set(key, JSON.stringify(value)),
    removeStorageSync: (key) => state.storage.delete(key),
    clearStorageSync: () => state.storage.clear(),

    requestSubscribeMessage(options) {
      if (!state.inTap) {
        const errMsg = 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.'
        return setTimeout(() => finish(options, false, { errMsg, errCode: 20004 }), 0)
      }
      state.subscribePrompts.push(options.tmplIds.slice())
      const res = { errMsg: 'requestSubscribeMessage:ok' }
      options.tmplIds.forEach((id) => {
        res[id] = state.subscribeAnswer
      })
      setTimeout(() => finish(options, true, res), 0)
    },

    navigateTo: (o) => state.navigations.push({ how: 'navigateTo', url: o.url }),
    redirectTo: (o) => state.navigations.push({ how: 'redirectTo', url: o.url }),
    switchTab: (o) => state.navigations.push({ how: 'switchTab', url: o.url }),
    navigateBack: () => state.navigations.push({ how: 'navigateBack' }),
    showToast: (o) => state.toasts.push(o.title),
    showModal: (o) => {
      state.modals.push(o.content)
      if (o.success) o.success({ confirm: true, cancel: false })
    },
    showLoading() {},
    hideLoading() {},
    stopPullDownRefresh() {},
    previewImage: (o) => state.previews.push(o),
    setNavigationBarTitle() {},
    makePhoneCall: (o) => record('makePhoneCall', o, 'makePhoneCall:ok'),
    openLocation: (o) => record('openLocation', o, 'openLocation:ok'),
    compressImage(o) {
      const copy = path.join(state.tempDir, 'compressed-' + crypto.randomBytes(6).toString('hex') + '.jpg')
      fs.copyFileSync(o.src, copy)
      record('compressImage', o, 'compressImage:ok', { tempFilePath: copy })
    },
    getUpdateManager: () => ({
      onCheckForUpdate() {},
      onUpdateReady(cb) {
        state.calls.push({ api: 'onUpdateReady', options: cb })
      },
      onUpdateFailed() {},
      applyUpdate() {
        state.calls.push({ api: 'applyUpdate' })
      },
    }),
  }

  function record(api, options, errMsg, extra = {}) {
    state.calls.push({ api, options })
    setTimeout(() => finish(options, true, Object.assign({ errMsg }, extra)), 0)
  }

  addPrivacyApis(wx, state, finish)
  return { wx, state }
}

module.exports = { createShim }
