/**
 * A parent's complaint from start to end, against the real backend: filed with two
 * photos (real JPEGs) about a listed institution, seen in "my complaints", acted on by
 * the bureau through the staff API, followed on the detail page (timeline, answer,
 * photos by their signed links), supplemented, rated. The tests run in order on one
 * phone: the signed-in parent (the token in storage) carries from one to the next.
 */
const { open, tap, tapCall, text, waitFor } = require('./support/pages')
const { jpegs } = require('./support/images')
const staff = require('./support/staff')
const http = require('./support/http')
const api = require('../utils/api')
const backend = require('../utils/backend')

const DESCRIPTION = '周六上午机构以托管名义给小学生上数学课，还要求一次性预交一年学费，远超三个月。'
const phone = { storage: null }
const story = {}

beforeEach(() => {
  if (phone.storage) shim.storage = phone.storage
  else phone.storage = shim.storage
  shim.privacy.agreed = true // this phone's parent agreed to the privacy notice (privacy.test.js asks)
})

function complaintPosts() {
  return shim.requests.filter((r) => r.method === 'POST' && /\/complaints$/.test(r.url))
}

async function fillReport() {
  const form = await open('pages/report/index')
  await form.instance.onInstitutionInput({ detail: { value: '启航英语培训' } })
  const pick = form.data.suggestions.findIndex((s) => s.name === '启航英语培训学校')
  form.instance.pickInstitution({ currentTarget: { dataset: { index: pick } } })
  const fees = form.data.categories.findIndex((c) => c.code === 'fees')
  form.instance.onCategory({ detail: { value: fees } })
  form.instance.onField({ currentTarget: { dataset: { field: 'date' } }, detail: { value: '2026-06-06' } })
  form.instance.onField({ currentTarget: { dataset: { field: 'time' } }, detail: { value: '09:30' } })
  form.instance.onField({ currentTarget: { dataset: { field: 'phone' } }, detail: { value: '13912345678' } })
  return form
}

test('the report form explains the category, counts the description and uploads photos with a retry', async () => {
  const form = await fillReport()
  expect(form.data.institution.name).toBe('启航英语培训学校')
  expect(text(form, '#category-help')).toContain('示范文本')
  form.instance.onDescription({ detail: { value: DESCRIPTION } })
  expect(text(form, '#counter')).toBe(DESCRIPTION.length + '/2000')

  shim.media = jpegs(2)
  shim.failNextUploads = 6 // every try of both uploads loses its connection (3 tries each)
  await form.instance.choosePhotos()
  expect(shim.mediaRequests).toEqual([9])
  const [first, second] = form.data.photos
  expect(first).toMatchObject({ status: 'failed', error: api.NETWORK_MESSAGE, permanent: false })
  expect(second.status).toBe('failed')
  expect(text(form, '.retry')).toBe('重试') // no answer: it may be retried
  await form.instance.retryPhoto({ currentTarget: { dataset: { key: first.key } } })
  await form.instance.retryPhoto({ currentTarget: { dataset: { key: second.key } } })
  expect(form.data.photos.map((p) => p.status)).toEqual(['done', 'done'])
  expect(form.instance.uploadedPhotoIds()).toHaveLength(2)
  story.form = form
})

test('a refused report shows the server message and names the field', async () => {
  const form = story.form
  form.instance.onField({ currentTarget: { dataset: { field: 'phone' } }, detail: { value: '1391234' } })
  await tapCall(form, 'submit')
  const token = wx.getStorageSync('sj_token').token
  const direct = await http.json(api.config.base + '/complaints', {
    method: 'POST',
    token,
    body: form.instance.body(),
  })
  expect(direct.status).toBe(400)
  expect(form.data.error).toBe(direct.body.message)
  expect(form.data.errors.contact_phone).toBe(direct.body.errors.contact_phone)
  expect(text(form, '#error-phone')).toBe(direct.body.errors.contact_phone)
  expect(text(form, '#error')).toBe(direct.body.message)
  expect(shim.navigations).toEqual([])
  form.instance.onField({ currentTarget: { dataset: { field: 'phone' } }, detail: { value: '13912345678' } })
})

test('submitting asks for the subscribe messages, and a retry after a lost answer files it once', async () => {
  const form = story.form
  form.instance.onDescription({ detail: { value: DESCRIPTION } })
  const meta = await backend.meta()
  const templates = meta.subscribe_templates.map((t) => t.id)
  shim.dropOnly = '/api/mp/v1/complaints' // the subscriptions call before it gets its answer
  shim.dropNextResponses = 1 // the server stores the report, the answer never arrives
  await tapCall(form, 'submit')
  expect(form.data.error).toBe(api.NETWORK_MESSAGE)
  expect(shim.subscribePrompts).toEqual(templates.length ? [templates.slice(0, 3)] : [])
  tap(form, '#submit') // the parent tries again
  await waitFor(() => shim.navigations.length, 'the complaint page')
  const posts = complaintPosts().slice(-2)
  expect(posts).toHaveLength(2)
  expect(posts[0].header['Idempotency-Key']).toBeTruthy()
  expect(posts[1].header['Idempotency-Key']).toBe(posts[0].header['Idempotency-Key'])
  const [{ how, url }] = shim.navigations
  expect(how).toBe('redirectTo')
  story.no = /no=(TS\d{12})$/.exec(url)[1]
  expect(form.data.idempotencyKey).toBe('') // the next report gets a new key
})

test('my complaints lists it once, newest first', async () => {
  const mine = await open('pages/complaints/index')
  expect(mine.data.items.map((c) => c.no)).toEqual([story.no])
  expect(mine.data.items[0]).toMatchObject({ status_label: '待受理', institution_name: '启航英语培训学校' })
  expect(mine.querySelectorAll('.complaint').length).toBe(1)
})

test('the detail page shows the photos by signed links that need no header', async () => {
  const page = await open('pages/complaint/detail', { no: story.no })
  const detail = page.data.detail
  expect(detail.status).toBe('submitted')
  expect(detail.photos).toHaveLength(2)
  expect(detail.dueLabel).toBe('受理期限')
  expect(detail.contact_phone).toBe('139****5678')
  expect(page.querySelectorAll('.evidence').length).toBe(2)
  for (const photo of detail.photos) {
    for (const url of [photo.url, photo.thumb_url]) {
      const file = await api.downloadPhoto(url)
      const bytes = require('fs').readFileSync(file)
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
    }
  }
  const downloads = shim.requests.filter((r) => r.download)
  expect(downloads).toHaveLength(4)
  expect(downloads.every((r) => Object.keys(r.header).length === 0)).toBe(true)
  await page.instance.savePhoto({ currentTarget: { dataset: { index: 0 } } })
  expect(shim.saved).toHaveLength(1)
  page.instance.previewPhoto({ currentTarget: { dataset: { index: 1 } } })
  expect(shim.previews[0]).toEqual({ urls: detail.photos.map((p) => p.url), current: detail.photos[1].url })
  // A link with one character changed is refused.
  const url = detail.photos[0].thumb_url
  const broken = url.slice(0, -1) + (url.endsWith('0') ? '1' : '0')
  await expect(api.downloadPhoto(broken)).rejects.toMatchObject({ status: 404 })
})

test('the bureau accepts, assigns and replies; the parent sees each step and the reply', async () => {
  const dispatcher = await staff.signIn('dispatcher')
  await staff.act(dispatcher, story.no, 'accept')
  const { queue } = await staff.complaint(dispatcher, story.no)
  const handler = await staff.signIn('handler_' + queue.key)
  await staff.act(dispatcher, story.no, 'assign', { assignee: handler.staff.id })
  await staff.act(handler, story.no, 'reply', { message: '已联系机构核实收费情况，请耐心等待。' })
  story.handler = handler

  const page = await open('pages/complaint/detail', { no: story.no })
  const detail = page.data.detail
  expect(detail.status).toBe('in_progress')
  expect(text(page, '#status')).toBe('办理中')
  expect(detail.dueLabel).toBe('办结期限')
  expect(detail.steps[0]).toMatchObject({ kind: 'reply', message: '已联系机构核实收费情况，请耐心等待。' })
  expect(detail.steps.map((s) => s.status)).toEqual(expect.arrayContaining(['submitted', 'accepted', 'in_progress']))
  const messages = page.querySelectorAll('.step-message').map((n) => n.dom.textContent.trim())
  expect(messages).toContain('已联系机构核实收费情况，请耐心等待。')
  expect(page.querySelector('#supplement-form')).toBeTruthy()
  expect(page.querySelector('#rating-form')).toBeFalsy()
  expect(text(page, '#speaker-0')).toBe('教育局答复')
  expect(page.querySelector('.tone-info')).toBeTruthy() // the status has its colour beside its word
  // One acceptance covers one message: the page asks again, inside the parent's tap.
  const accepted = await tapCall(page, 'subscribe')
  expect(accepted).toEqual(['demo-status-template'])
  expect(shim.subscribePrompts).toEqual([['demo-status-template']])
  story.page = page
})

test('the parent adds a supplement with a photo; staff see it as news', async () => {
  const page = story.page
  page.instance.onSupplementText({ detail: { value: '又收到一条催缴学费的短信，截图见附件。' } })
  shim.media = jpegs(1)
  await page.instance.choosePhotos()
  await page.instance.submitSupplement()
  expect(page.data.supplementError).toBe('')
  const detail = page.data.detail
  expect(detail.steps[0]).toMatchObject({ kind: 'supplement', message: '又收到一条催缴学费的短信，截图见附件。' })
  expect(detail.steps[0].speaker).toBe('我的补充') // the parent's words, not labelled as the bureau's
  expect(detail.photos).toHaveLength(3)
  expect(detail.supplements[0].photos).toHaveLength(1)
  expect(page.data.photos).toEqual([])
  const seen = await staff.complaint(story.handler, story.no)
  expect(seen.has_news).toBe(true)
  expect(seen.supplements).toHaveLength(1)
})

test('once resolved, the parent sees the answer and rates it; a second rating gets the server message', async () => {
  await staff.act(story.handler, story.no, 'resolve', {
    outcome: 'substantiated',
    message: '经核查，机构超期预收费属实，已责令退还超收费用并限期整改。',
  })
  const page = await open('pages/complaint/detail', { no: story.no })
  const detail = page.data.detail
  expect(detail).toMatchObject({ status: 'resolved', can_rate: true, can_supplement: false, outcome_label: '属实' })
  expect(detail.steps[0].message).toContain('经核查，机构超期预收费属实，已责令退还超收费用并限期整改。')
  expect(text(page, '#outcome')).toBe('办理结果：属实')
  expect(page.querySelector('#rating-form')).toBeTruthy()
  expect(page.querySelector('#supplement-form')).toBeFalsy()

  await page.instance.submitRating() // no score chosen yet
  expect(page.data.rateError).toBeTruthy()
  page.instance.chooseScore({ currentTarget: { dataset: { code: 'satisfied' } } })
  page.instance.onComment({ detail: { value: '处理及时' } })
  await page.instance.submitRating()
  expect(page.data.rateError).toBe('')
  expect(page.data.detail).toMatchObject({ status: 'closed', can_rate: false })
  expect(page.data.detail.rating).toMatchObject({ score: 'satisfied', label: '满意', comment: '处理及时' })
  expect(page.querySelector('#rating')).toBeTruthy()
  expect(page.querySelector('#rating-form')).toBeFalsy()

  page.instance.chooseScore({ currentTarget: { dataset: { code: 'dissatisfied' } } })
  await page.instance.submitRating()
  expect(page.data.rateError).toBe('您已评价过该投诉，不能重复评价')
  const mine = await open('pages/complaints/index')
  expect(mine.data.items[0]).toMatchObject({ no: story.no, status_label: '已归档' })
})
