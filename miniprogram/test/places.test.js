/**
 * Nearby on the map, and an institution's page opened from its 小程序码 (options.scene).
 */
const { open, tap, text, waitFor } = require('./support/pages')
const backend = require('../utils/backend')
const staff = require('./support/staff')

/** Stand the phone a few metres from 启航英语培训学校 of the demo county (GCJ-02). */
async function standNearQihang() {
  shim.privacy.agreed = true // agreed to the privacy notice before (privacy.test.js covers asking)
  const { institution } = await backend.checkName('启航英语培训学校')
  shim.location = { latitude: institution.location.lat + 0.00005, longitude: institution.location.lng }
}

test('nearby asks for a GCJ-02 position and shows whitelisted institutions nearest first', async () => {
  await standNearQihang()
  const nearby = await open('pages/nearby/index')
  expect(shim.locationRequests).toEqual(['gcj02'])
  const items = nearby.data.items
  expect(items.length).toBeGreaterThan(0)
  expect(items.every((i) => i.status === 'whitelist')).toBe(true)
  const distances = items.map((i) => i.distance_m)
  expect(distances).toEqual(distances.slice().sort((a, b) => a - b))
  expect(distances[distances.length - 1]).toBeLessThanOrEqual(3000)
  expect(items[0].name).toBe('启航英语培训学校')
  // One marker per institution with a position, in the list's order.
  expect(nearby.data.markers.length).toBe(items.filter((i) => i.location).length)
  expect(nearby.data.markers[0]).toMatchObject({ id: 0, latitude: items[0].location.lat, longitude: items[0].location.lng })
  nearby.instance.onMarkerTap({ detail: { markerId: 0 } })
  expect(nearby.data.selected).toBe(0)
  expect(nearby.querySelectorAll('.nearby').length).toBe(items.length)
})

test('nearby with every status and a wider circle finds more', async () => {
  await standNearQihang()
  const nearby = await open('pages/nearby/index')
  const whitelisted = nearby.data.items.length
  await nearby.instance.onWhitelistOnly({ detail: { value: false } })
  await nearby.instance.onRadius({ detail: { value: 3 } })
  expect(nearby.data.items.length).toBeGreaterThan(whitelisted)
  expect(new Set(nearby.data.items.map((i) => i.status)).size).toBeGreaterThan(1)
})

test('a 小程序码 opens the institution page through options.scene', async () => {
  const verdict = await backend.checkName('启航英语培训学校')
  const id = verdict.institution.id
  const page = await open('pages/institution/detail', { scene: encodeURIComponent(id) })
  expect(page.data.inst.id).toBe(id)
  expect(text(page, '#name')).toBe('启航英语培训学校')
  expect(text(page, '#status')).toBe('白名单')
  expect(page.data.rows.map((r) => r.label)).toEqual(expect.arrayContaining(['办学许可证号', '地址', '教师']))
  expect(page.querySelectorAll('.course').length).toBe(page.data.inst.courses.length)
  expect(text(page, '#verdict-title')).toBe('白名单机构')
  expect(page.querySelectorAll('.history').length).toBe(page.data.inst.status_history.length)
  tap(page, '#report')
  await waitFor(() => shim.navigations.length, 'the report form')
  expect(shim.navigations[0].url).toBe(
    '/pages/report/index?institution_id=' + id + '&institution_name=' + encodeURIComponent('启航英语培训学校')
  )
})

test('a scene naming nothing shows the server message', async () => {
  const page = await open('pages/institution/detail', { scene: '0123456789abcdef01234567' })
  expect(page.data.inst).toBeNull()
  expect(text(page, '#error')).toBe('请求的内容不存在重试') // the message and its retry
})

test('a rectification the bureau opens shows on the institution page as its public summary', async () => {
  const { json } = require('./support/http')
  const admin = await staff.signIn('admin')
  const verdict = await backend.checkName('智慧树数学工作室')
  const id = verdict.institution.id
  const due = new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10)
  const opened = await json(process.env.MP_TEST_ORIGIN + '/api/staff/v1/rectifications', {
    method: 'POST',
    token: admin.token,
    body: {
      institution_id: id,
      problems: ['未取得办学许可开展学科类培训'],
      requirements: '立即停止招生，限期办理审批手续。',
      due_date: due,
      summary: '责令停止无证办学，限期整改。',
    },
  })
  expect(opened.status).toBe(201)
  const page = await open('pages/institution/detail', { id })
  expect(text(page, '#status')).toBe('黑名单')
  expect(text(page, '#advice')).toContain('请勿报名或缴费') // the words home uses
  expect(page.data.inst.courses.length).toBeGreaterThan(0)
  expect(page.querySelectorAll('.course')).toHaveLength(0) // no courses offered by a blacklisted one
  const shown = page.querySelectorAll('.rectification').map((n) => n.dom.textContent)
  expect(shown.some((t) => t.includes('责令停止无证办学，限期整改。') && t.includes(due))).toBe(true)
  expect(JSON.stringify(page.data.inst.rectifications)).not.toContain('立即停止招生') // internal requirements stay internal
})
