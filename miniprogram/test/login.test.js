/**
 * Sign-in: on start, and again when the server says the token is no longer good (401).
 * The fake WeChat server takes each wx.login code once, as WeChat does.
 */
const api = require('../utils/api')
const backend = require('../utils/backend')

function launchApp() {
  let definition = null
  global.App = (options) => {
    definition = options
  }
  require('../app.js') // calls App() once, as WeChat does at start
  return definition
}

test('the app signs in as it starts and keeps the token', async () => {
  const app = launchApp()
  await app.onLaunch()
  expect(shim.logins.length).toBe(1)
  const saved = wx.getStorageSync('sj_token')
  expect(saved.token.length).toBeGreaterThan(20)
  expect(saved.expiresAt).toBeGreaterThan(Date.now())
  await backend.myComplaints()
  expect(shim.logins.length).toBe(1) // the kept token was used
  const sent = shim.requests.filter((r) => r.url.includes('/complaints'))
  expect(sent[0].header.Authorization).toBe('Bearer ' + saved.token)
})

test('a token the server refuses leads to a fresh wx.login and the request goes through', async () => {
  wx.setStorageSync('sj_token', { token: 'not-a-valid-token', expiresAt: Date.now() + 3600e3 })
  const page = await backend.myComplaints()
  expect(page.items).toEqual([])
  expect(shim.logins.length).toBe(1)
  const statuses = shim.requests.filter((r) => r.url.endsWith('/complaints?page=1&per_page=20')).length
  expect(statuses).toBe(2) // refused once, then sent again with the new token
  expect(wx.getStorageSync('sj_token').token).not.toBe('not-a-valid-token')
})

test('a token past its expiry is not sent at all: the parent signs in first', async () => {
  wx.setStorageSync('sj_token', { token: 'old', expiresAt: Date.now() - 1000 })
  await backend.myComplaints()
  expect(shim.logins.length).toBe(1)
  expect(shim.requests.some((r) => r.header.Authorization === 'Bearer old')).toBe(false)
})

test('each sign-in uses a new wx.login code, and concurrent requests share one sign-in', async () => {
  await api.login()
  await api.login()
  expect(new Set(shim.logins).size).toBe(2)
  api.clearToken()
  await Promise.all([backend.myComplaints(), backend.myComplaints(), backend.myComplaints()])
  expect(shim.logins.length).toBe(3)
})

test('a refused login code shows the server message', async () => {
  const login = wx.login
  wx.login = (options) => options.success({ code: 'invalid-code-from-the-test' }) // fake WeChat: 40029
  try {
    api.clearToken()
    await expect(backend.myComplaints()).rejects.toMatchObject({ status: 400, code: 'invalid_code', message: '登录凭证无效或已过期，请重新进入小程序' })
  } finally {
    wx.login = login
  }
})

test('no answer at all gives the network message, not a made-up server one', async () => {
  const saved = api.config.base
  api.configure({ base: 'http://127.0.0.1:9/api/mp/v1' })
  try {
    await expect(backend.checkName('启航英语培训学校')).rejects.toMatchObject({ code: 'network_error', message: api.NETWORK_MESSAGE })
  } finally {
    api.configure({ base: saved })
  }
})
