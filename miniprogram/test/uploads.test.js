/**
 * The report form on county 4G and on the strict shim: three uploads at a time, retried
 * with back-off, big photos compressed, refused photos removable, the subscribe prompt
 * only after the form passes its checks, and the institution's errors always shown.
 */
const { open, tapCall, text, waitFor } = require('./support/pages')
const { jpegs } = require('./support/images')

beforeEach(() => {
  shim.privacy.agreed = true
})

test('nine photos upload three at a time, and a dropped upload is retried by itself', async () => {
  const form = await open('pages/report/index')
  shim.media = jpegs(9)
  shim.failNextUploads = 2 // two tries lose their connection
  await form.instance.choosePhotos()
  expect(form.data.photos.map((p) => p.status)).toEqual(Array(9).fill('done'))
  expect(shim.maxActiveUploads).toBe(3)
  expect(shim.requests.filter((r) => r.upload)).toHaveLength(11)
})

test('a photo over 2 MB is compressed first', async () => {
  const form = await open('pages/report/index')
  shim.media = jpegs(1)
  shim.mediaSize = 3 * 1024 * 1024 // what the picker reports for a camera photo
  await form.instance.choosePhotos()
  expect(shim.calls.filter((c) => c.api === 'compressImage')).toHaveLength(1)
  expect(form.data.photos[0].path).toMatch(/compressed-/)
  expect(form.data.photos[0].status).toBe('done')
})

test('a photo the server refuses for good can be removed, and the report still goes', async () => {
  const form = await open('pages/report/index')
  const fs = require('fs')
  const bogus = require('path').join(shim.tempDir, 'not-a-photo.jpg')
  fs.writeFileSync(bogus, 'this is not an image')
  shim.media = [bogus].concat(jpegs(1))
  await form.instance.choosePhotos()
  const [bad, good] = form.data.photos
  expect(bad).toMatchObject({ status: 'failed', permanent: true })
  expect(bad.error).toBeTruthy() // the server's message
  expect(good.status).toBe('done')
  expect(form.querySelector('.retry')).toBeFalsy() // no retry for a refusal
  expect(form.instance.photosNotReady()).toBe('') // a failed photo does not block the report
  expect(text(form, '.remove')).toBe('删除') // the failed photo's own 删除
  form.instance.removePhoto({ currentTarget: { dataset: { key: bad.key } } })
  expect(form.data.photos.map((p) => p.key)).toEqual([good.key])
})

test('a cancelled picker says nothing; a system failure says so', async () => {
  const form = await open('pages/report/index')
  await form.instance.choosePhotos() // nothing picked: cancel
  expect(form.data.photoNotice).toBe('')
  shim.failNext.chooseMedia = 'chooseMedia:fail internal error'
  await form.instance.choosePhotos()
  expect(form.data.photoNoticeKind).toBe('system')
  expect(text(form, '#photo-notice')).toContain('请稍后重试')
})

test('a form that cannot be sent is not sent and asks for no subscription', async () => {
  const form = await open('pages/report/index')
  form.setData({ templates: ['demo-status-template'] })
  await tapCall(form, 'submit')
  expect(shim.subscribePrompts).toEqual([])
  expect(shim.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/complaints'))).toHaveLength(0)
  expect(text(form, '#error-category')).toBe('请选择问题类别')
  expect(text(form, '#error-description')).toContain('10')
})

test('an institution typed but not picked keeps its text and shows its errors', async () => {
  const form = await open('pages/report/index')
  await form.instance.onInstitutionInput({ detail: { value: '新开的无名培训班' } })
  const fees = form.data.categories.findIndex((c) => c.code === 'fees')
  form.instance.onCategory({ detail: { value: fees } })
  form.instance.onDescription({ detail: { value: '周末在小区里开班上数学课，每人收费三千元。' } })
  await tapCall(form, 'submit')
  expect(form.data.unlisted).toBe(true) // shown as the unlisted institution's fields
  expect(form.data.institutionName).toBe('新开的无名培训班')
  expect(text(form, '#error-institution-address')).toBeTruthy()
  form.instance.onField({ currentTarget: { dataset: { field: 'institutionAddress' } }, detail: { value: '临江县人民路 8 号小区 3 幢' } })
  form.setData({ templates: ['demo-status-template'] })
  await tapCall(form, 'submit')
  await waitFor(() => shim.navigations.length, 'the complaint page')
  expect(shim.subscribePrompts).toEqual([['demo-status-template']])
})
