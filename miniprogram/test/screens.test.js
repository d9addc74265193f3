/**
 * Every screen state a reviewer should see, written as HTML for render-screens.js to shoot
 * (test-output/miniprogram/*.png): each verdict, search with results and empty, nearby
 * located and refused, an institution white and black, the report form empty / with
 * errors / with a failed photo, my complaints, a complaint in each status, about, and the
 * privacy popup. Each state is also checked, so a shot never shows a broken page.
 */
const { registerBuiltins, snapshot } = require('./support/screens')

registerBuiltins() // before any page is compiled

const { open, render, tap, tapCall, text, waitFor, privacyPopup } = require('./support/pages')
const { jpegs } = require('./support/images')
const staff = require('./support/staff')
const api = require('../utils/api')
const backend = require('../utils/backend')

const phone = { storage: null }
beforeEach(() => {
  if (phone.storage) shim.storage = phone.storage
  else phone.storage = shim.storage
  shim.privacy.agreed = true
})

async function checked(name) {
  const home = await open('pages/home/index')
  home.instance.onInput({ detail: { value: name } })
  await home.instance.onCheck()
  return home
}

test.each([
  ['whitelist', '启航英语培训学校'],
  ['blacklist', '智慧树数学工作室'],
  ['revoked', '星火编程培训中心'],
  ['suspended', '明德学堂'],
  ['pending', '阳光游泳俱乐部'],
  ['not_listed', '金色童年围棋道场'],
])('home with the verdict %s', async (verdict, name) => {
  const home = await checked(name)
  expect(home.data.verdict.verdict).toBe(verdict)
  expect(text(home, '#verdict-title')).toBeTruthy()
  await snapshot(home, 'home-verdict-' + verdict, 'pages/home/index')
})

test('search with results and with none', async () => {
  const found = await open('pages/search/index', { q: '英语' })
  expect(found.data.items.length).toBeGreaterThan(0)
  await snapshot(found, 'search-results', 'pages/search/index')
  const none = await open('pages/search/index', { q: '金色童年围棋道场' })
  expect(none.querySelector('#report-unlisted')).toBeTruthy()
  await snapshot(none, 'search-empty', 'pages/search/index')
})

test('nearby located and refused', async () => {
  const { institution } = await backend.checkName('启航英语培训学校')
  shim.location = { latitude: institution.location.lat + 0.002, longitude: institution.location.lng - 0.003 }
  const located = await open('pages/nearby/index')
  await located.instance.onWhitelistOnly({ detail: { value: false } })
  expect(located.data.markers.length).toBeGreaterThan(0)
  await snapshot(located, 'nearby-located', 'pages/nearby/index')
  shim.privacy.permissions['scope.userLocation'] = false
  const refused = await open('pages/nearby/index')
  expect(refused.data.problemKind).toBe('denied')
  await snapshot(refused, 'nearby-refused', 'pages/nearby/index')
})

test('an institution on the whitelist and on the blacklist', async () => {
  for (const [name, status] of [['启航英语培训学校', 'whitelist'], ['智慧树数学工作室', 'blacklist']]) {
    const { institution } = await backend.checkName(name)
    const page = await open('pages/institution/detail', { id: institution.id })
    expect(page.data.inst.status).toBe(status)
    await snapshot(page, 'institution-' + status, 'pages/institution/detail')
  }
})

test('the report form empty, with errors, with a failed photo', async () => {
  const empty = await open('pages/report/index')
  await snapshot(empty, 'report-empty', 'pages/report/index')
  await empty.instance.onInstitutionInput({ detail: { value: '新开的无名培训班' } })
  await tapCall(empty, 'submit')
  expect(text(empty, '#error-category')).toBeTruthy()
  await snapshot(empty, 'report-errors', 'pages/report/index')
  const photos = await open('pages/report/index')
  const bogus = require('path').join(shim.tempDir, 'not-a-photo.jpg')
  require('fs').writeFileSync(bogus, 'not an image')
  shim.media = jpegs(1)
  shim.failNextUploads = 3 // this photo never gets an answer (three tries)
  await photos.instance.choosePhotos()
  shim.media = jpegs(1).concat([bogus]) // a good photo, and one the server refuses
  await photos.instance.choosePhotos()
  expect(photos.data.photos.map((p) => p.status).sort()).toEqual(['done', 'failed', 'failed'])
  await snapshot(photos, 'report-failed-photo', 'pages/report/index')
})

/** A complaint of this phone's parent, taken by the bureau to `status`. */
async function complaintIn(status, institutionId) {
  const [photo] = jpegs(1)
  const uploaded = await api.uploadPhoto(photo)
  const body = {
    category: 'fees',
    institution_id: institutionId,
    description: '机构要求一次性预交一年学费，远超三个月，还以托管名义给小学生上数学课。',
    photo_ids: [uploaded.id],
    contact_phone: '13912345678',
  }
  const made = await backend.submitComplaint(body, api.newIdempotencyKey())
  const dispatcher = await staff.signIn('dispatcher')
  if (status === 'rejected') {
    await staff.act(dispatcher, made.no, 'reject', { reason: '反映的机构不在本县，已告知向所在地教育局反映。' })
  } else if (status !== 'submitted') {
    await staff.act(dispatcher, made.no, 'accept')
    const { queue } = await staff.complaint(dispatcher, made.no)
    const handler = await staff.signIn('handler_' + queue.key)
    await staff.act(dispatcher, made.no, 'assign', { assignee: handler.staff.id })
    await staff.act(handler, made.no, 'reply', { message: '已联系机构核实收费情况，请耐心等待。' })
    if (status === 'need_info') await staff.act(handler, made.no, 'request_info', { message: '请补充缴费凭证的照片。' })
    if (status === 'resolved' || status === 'closed') {
      await staff.act(handler, made.no, 'resolve', { outcome: 'substantiated', message: '经核查属实，已责令机构退还超收费用并限期整改。' })
    }
  }
  if (status === 'closed') await backend.rate(made.no, { score: 'satisfied', comment: '处理及时' }, api.newIdempotencyKey())
  return made.no
}

test('my complaints and a complaint in each status', async () => {
  const { institution } = await backend.checkName('启航英语培训学校')
  for (const status of ['submitted', 'in_progress', 'need_info', 'resolved', 'closed', 'rejected']) {
    const no = await complaintIn(status, institution.id)
    const page = await open('pages/complaint/detail', { no })
    expect(page.data.detail.status).toBe(status)
    await snapshot(page, 'complaint-' + status, 'pages/complaint/detail')
  }
  const mine = await open('pages/complaints/index')
  expect(mine.data.items).toHaveLength(6)
  await snapshot(mine, 'complaints-mine', 'pages/complaints/index')
}, 120000) // six complaints through the staff API

test('about, and the privacy popup', async () => {
  const about = await open('pages/about/index')
  expect(text(about, '#bureau-name')).toBe('临江县教育局')
  await snapshot(about, 'about', 'pages/about/index')
  shim.privacy.agreed = false
  const page = render('pages/nearby/index')
  const loaded = page.instance.onLoad()
  await waitFor(() => privacyPopup(page), 'the privacy popup')
  await snapshot(page, 'privacy-popup', 'pages/nearby/index')
  tap(privacyPopup(page), '#refuse-btn')
  await loaded
})
