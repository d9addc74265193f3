/**
 * Location on the strict shim: a refused permission stays refused until wx.openSetting
 * (only from a tap) grants it; the phone's own location off is told apart; the map opens
 * on the bureau's centre; markers show each status; an institution can be navigated to.
 */
const { open, tapCall, text } = require('./support/pages')
const backend = require('../utils/backend')

beforeEach(() => {
  shim.privacy.agreed = true // the privacy notice is privacy.test.js's subject
})

test('a refused location stays refused until the parent switches it on in settings', async () => {
  shim.privacy.permissionAnswers['scope.userLocation'] = 'deny'
  const nearby = await open('pages/nearby/index')
  expect(nearby.data).toMatchObject({ located: false, problemKind: 'denied' })
  expect(text(nearby, '#location-problem')).toContain('去设置')
  expect([nearby.data.latitude, nearby.data.longitude]).toEqual([29.085, 119.647]) // the bureau's centre
  await nearby.instance.locate() // 重试 alone cannot help: WeChat refuses at once
  expect(shim.privacy.permissionPrompts).toEqual(['scope.userLocation']) // asked once only
  expect(nearby.data.located).toBe(false)
  await nearby.instance.openSetting() // not from a tap: WeChat refuses to open settings
  expect(shim.privacy.settingsOpened).toBe(0)
  shim.privacy.settingChanges['scope.userLocation'] = true
  await tapCall(nearby, 'openSetting')
  expect(shim.privacy.settingsOpened).toBe(1)
  expect(nearby.data.located).toBe(true)
  expect(nearby.data.items.length).toBeGreaterThan(0)
})

test('back from the settings, onShow locates without another tap', async () => {
  shim.privacy.permissionAnswers['scope.userLocation'] = 'deny'
  const nearby = await open('pages/nearby/index')
  expect(nearby.data.problemKind).toBe('denied')
  await nearby.instance.onShow()
  expect(nearby.data.located).toBe(false)
  shim.privacy.permissions['scope.userLocation'] = true // switched on in WeChat's own settings
  await nearby.instance.onShow()
  expect(nearby.data.located).toBe(true)
})

test('the phone location switched off is a system problem with 重新定位, not a refusal', async () => {
  shim.failNext.getLocation = 'getLocation:fail system permission denied'
  const nearby = await open('pages/nearby/index')
  expect(nearby.data.problemKind).toBe('system')
  expect(text(nearby, '#location-problem')).toContain('手机定位服务未开启')
  expect(nearby.querySelector('#retry-location')).toBeTruthy()
  await nearby.instance.locate()
  expect(nearby.data.located).toBe(true)
})

test('markers carry an icon per status, and an institution can be navigated to and called', async () => {
  const { institution } = await backend.checkName('启航英语培训学校')
  shim.location = { latitude: institution.location.lat, longitude: institution.location.lng }
  const nearby = await open('pages/nearby/index')
  await nearby.instance.onWhitelistOnly({ detail: { value: false } })
  const icons = new Set(nearby.data.markers.map((m) => m.iconPath))
  expect(icons.size).toBeGreaterThan(1)
  nearby.data.markers.forEach((m) => expect(require('fs').existsSync(require('path').join(__dirname, '..', m.iconPath))).toBe(true))
  const page = await open('pages/institution/detail', { id: institution.id })
  page.instance.navigate()
  page.instance.callPhone()
  const opened = shim.calls.find((c) => c.api === 'openLocation').options
  expect(opened).toMatchObject({ latitude: institution.location.lat, longitude: institution.location.lng, name: '启航英语培训学校' })
  expect(shim.calls.some((c) => c.api === 'makePhoneCall')).toBe(true)
})

test('a GET that gets no answer is sent again; the answer comes through', async () => {
  shim.requestFailure = 'request:fail timeout'
  const verdict = await backend.checkName('启航英语培训学校')
  expect(verdict.verdict).toBe('whitelist')
  const checks = shim.requests.filter((r) => r.url.includes('/institutions/check'))
  expect(checks).toHaveLength(2)
})
