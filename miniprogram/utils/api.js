/**
 * The backend's mini-program API (/api/mp/v1): base URL, sign-in, requests, uploads.
 *
 * - `config.base` is the API base. The bureau sets it once here (or calls `configure` in
 *   app.js); its domain must be whitelisted as a request/uploadFile/downloadFile domain.
 * - Sign-in: `wx.login` gives a one-time code, POST /auth/login turns it into a bearer
 *   token that is kept in storage with its expiry. A request answered 401 signs in again
 *   (a fresh code) and is sent once more.
 * - Every failure rejects with an ApiError whose `message` is the server's Chinese
 *   message (`{"code", "message", "errors"}`); only when no answer came at all (network
 *   down) is the message our own.
 */

const config = {
  base: 'https://shuangjian.example.gov.cn/api/mp/v1', // the bureau's HTTPS API base
  timeout: 15000,
  uploadTimeout: 30000,
  // Waits before retrying a GET or an upload that got no answer (county 4G drops some).
  retryDelays: [1000, 3000],
}

const TOKEN_KEY = 'sj_token'
const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试'
const EXPIRY_MARGIN_MS = 60 * 1000 // sign in again a minute before the token runs out

class ApiError extends Error {
  constructor({ status = 0, code = 'network_error', message = NETWORK_MESSAGE, errors = null } = {}) {
    super(message)
    this.status = status
    this.code = code
    this.errors = errors
  }
}

/** Change settings (the API base) at start-up, or in tests. */
function configure(options) {
  Object.assign(config, options)
}

function storedToken() {
  const saved = wx.getStorageSync(TOKEN_KEY)
  if (!saved || !saved.token || Date.now() > saved.expiresAt - EXPIRY_MARGIN_MS) return null
  return saved.token
}

function clearToken() {
  wx.removeStorageSync(TOKEN_KEY)
}

/** The error a finished request stands for, or null for a 2xx answer. */
function errorOf(statusCode, data) {
  if (statusCode >= 200 && statusCode < 300) return null
  let body = data
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch (e) {
      body = null
    }
  }
  if (body && typeof body.message === 'string') {
    return new ApiError({ status: statusCode, code: body.code, message: body.message, errors: body.errors || null })
  }
  return new ApiError({ status: statusCode, code: 'http_' + statusCode, message: '服务暂时不可用（' + statusCode + '），请稍后再试' })
}

/** One HTTP request; resolves with the parsed body, rejects with an ApiError. */
function send({ path, method = 'GET', data, header = {} }) {
  return new Promise((resolve, reject) => {
    wx.request({
      url: config.base + path,
      method,
      data,
      header: Object.assign({ 'content-type': 'application/json' }, header),
      timeout: config.timeout,
      success(res) {
        const error = errorOf(res.statusCode, res.data)
        if (error) reject(error)
        else resolve(res.data)
      },
      fail() {
        reject(new ApiError())
      },
    })
  })
}

function wxLogin() {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (res) => (res.code ? resolve(res.code) : reject(new ApiError({ message: '微信登录失败，请稍后重试' }))),
      fail: () => reject(new ApiError({ message: '微信登录失败，请稍后重试' })),
    })
  })
}

let signingIn = null

/** Sign in with a fresh wx.login code; concurrent callers share one sign-in. */
function login() {
  if (!signingIn) {
    signingIn = wxLogin()
      .then((code) => send({ path: '/auth/login', method: 'POST', data: { code } }))
      .then((body) => {
        wx.setStorageSync(TOKEN_KEY, { token: body.token, expiresAt: Date.now() + body.expires_in * 1000 })
        return body.token
      })
      .finally(() => {
        signingIn = null
      })
  }
  return signingIn
}

/** A token that is still valid, signing in first when there is none. */
function ensureToken() {
  const token = storedToken()
  return token ? Promise.resolve(token) : login()
}

/** Run `attempt(token)`; on 401 sign in again (the token expired) and run it once more. */
function withToken(attempt) {
  return ensureToken()
    .then(attempt)
    .catch((error) => {
      if (error.status !== 401) throw error
      clearToken()
      return login().then(attempt)
    })
}

/** `attempt()` again after each of config.retryDelays while it fails with no answer at all. */
function withRetries(attempt, delays = config.retryDelays) {
  return attempt().catch((error) => {
    if (error.status !== 0 || !delays.length) throw error
    return new Promise((resolve) => setTimeout(resolve, delays[0])).then(() => withRetries(attempt, delays.slice(1)))
  })
}

/**
 * A request; `auth: true` sends the parent's token. A GET that got no answer is sent again
 * (reading twice is harmless); a POST is not: its Idempotency-Key lets the parent retry.
 */
function request(path, { method = 'GET', data, auth = false, header = {} } = {}) {
  const once = () =>
    auth
      ? withToken((token) =>
          send({ path, method, data, header: Object.assign({}, header, { Authorization: 'Bearer ' + token }) })
        )
      : send({ path, method, data, header })
  return method === 'GET' ? withRetries(once) : once()
}

/**
 * Upload one photo (multipart field `file`); resolves with `{"id", ...}`.
 * `onProgress(percent)` follows the upload.
 */
function uploadPhoto(filePath, onProgress) {
  return withRetries(() => uploadOnce(filePath, onProgress)) // the same bytes give the same id
}

function uploadOnce(filePath, onProgress) {
  return withToken(
    (token) =>
      new Promise((resolve, reject) => {
        const task = wx.uploadFile({
          url: config.base + '/uploads',
          filePath,
          name: 'file',
          header: { Authorization: 'Bearer ' + token },
          timeout: config.uploadTimeout,
          success(res) {
            let body = res.data
            try {
              body = JSON.parse(res.data)
            } catch (e) {
              // not JSON: errorOf reports the status
            }
            const error = errorOf(res.statusCode, body)
            if (error) reject(error)
            else resolve(body)
          },
          fail() {
            reject(new ApiError())
          },
        })
        if (task && onProgress) task.onProgressUpdate((res) => onProgress(res.progress))
      })
  )
}

/** Download one of our signed photo links to a temporary file (no header needed). */
function downloadPhoto(url) {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url,
      success(res) {
        if (res.statusCode === 200) resolve(res.tempFilePath)
        else reject(new ApiError({ status: res.statusCode, code: 'not_found', message: '图片链接已过期，请刷新页面后重试' }))
      },
      fail() {
        reject(new ApiError())
      },
    })
  })
}

/** A fresh Idempotency-Key: printable ASCII, unique enough for one parent's retries. */
function newIdempotencyKey() {
  const random = () => Math.random().toString(36).slice(2, 10)
  return 'mp-' + Date.now().toString(36) + '-' + random() + random()
}

/** Query string of the non-empty values of `params`. */
function query(params) {
  const parts = Object.keys(params)
    .filter((key) => params[key] !== undefined && params[key] !== null && params[key] !== '')
    .map((key) => encodeURIComponent(key) + '=' + encodeURIComponent(params[key]))
  return parts.length ? '?' + parts.join('&') : ''
}

module.exports = {
  ApiError,
  config,
  configure,
  login,
  request,
  uploadPhoto,
  downloadPhoto,
  newIdempotencyKey,
  query,
  clearToken,
  NETWORK_MESSAGE,
}
