/**
 * WeChat's privacy authorization on the strict shim: a privacy API waits for the parent
 * to agree in our popup (open-type="agreePrivacyAuthorization"); refusing fails it with
 * WeChat's errMsg and the page says what to do; agreeing once lets every privacy API go.
 */
const { open, render, tap, tapCall, text, waitFor, privacyPopup, agreePrivacy } = require('./support/pages')
const { jpegs } = require('./support/images')

/** Render a page and start its onLoad, which waits while the privacy popup is up. */
async function openPending(pagePath, options = {}) {
  const page = render(pagePath)
  const loaded = page.instance.onLoad(options)
  return { page, loaded }
}

test('a privacy API called before the parent agreed waits for our popup', async () => {
  const { page, loaded } = await openPending('pages/nearby/index')
  await waitFor(() => privacyPopup(page), 'the privacy popup')
  expect(shim.privacy.asked).toEqual(['getLocation'])
  expect(shim.privacy.exposed).toBe(1) // the popup told WeChat it is shown
  expect(text(privacyPopup(page), '.body')).toContain('“附近”的定位')
  tap(privacyPopup(page), '#contract')
  await waitFor(() => shim.privacy.contractOpened, 'the privacy contract')
  agreePrivacy(page)
  await loaded
  expect(page.data.located).toBe(true)
  expect(page.data.items.length).toBeGreaterThan(0)
  expect(shim.privacy.agreed).toBe(true)
  expect(privacyPopup(page)).toBeNull()
})

test('refusing fails getLocation with WeChat errMsg; the page offers to read and agree', async () => {
  const { page, loaded } = await openPending('pages/nearby/index')
  await waitFor(() => privacyPopup(page), 'the privacy popup')
  tap(privacyPopup(page), '#refuse-btn')
  await loaded
  expect(page.data).toMatchObject({ located: false, problemKind: 'privacy' })
  expect(text(page, '#location-problem')).toContain('隐私保护指引')
  // Before any position the map shows the bureau's county, not 0,0.
  expect([page.data.latitude, page.data.longitude]).toEqual([29.085, 119.647])
  const again = tapCall(page, 'locate')
  await waitFor(() => privacyPopup(page), 'the popup again')
  agreePrivacy(page)
  await again
  expect(page.data.located).toBe(true)
})

test('agreeing without the open-type button being tapped is refused as WeChat checks it', async () => {
  const { page, loaded } = await openPending('pages/nearby/index')
  const popup = await waitFor(() => privacyPopup(page), 'the privacy popup')
  popup.instance.onAgree() // resolve({event: 'agree'}) with no agreeprivacyauthorization event
  await loaded
  expect(page.data.problemKind).toBe('privacy')
  expect(shim.privacy.agreed).toBe(false)
})

test('a page without our popup gets no privacy API at all', (done) => {
  wx.getLocation({
    type: 'gcj02',
    fail: (res) => {
      expect(res).toMatchObject({ errMsg: 'getLocation:fail privacy permission is not authorized', errno: 104 })
      done()
    },
  })
})

test('the report form asks before the photo picker; refusing says so, never "cancelled" silently', async () => {
  const form = await open('pages/report/index')
  shim.media = jpegs(1)
  const picked = form.instance.choosePhotos()
  await waitFor(() => privacyPopup(form), 'the privacy popup')
  expect(text(privacyPopup(form), '.body')).toContain('拍照或选择照片')
  tap(privacyPopup(form), '#refuse-btn')
  await picked
  expect(form.data.photos).toEqual([])
  expect(text(form, '#photo-notice')).toContain('需要您同意《隐私保护指引》后才能选择照片')
  const again = form.instance.choosePhotos()
  await waitFor(() => privacyPopup(form), 'the popup again')
  agreePrivacy(form)
  await again
  expect(form.data.photos.map((p) => p.status)).toEqual(['done'])
  expect(form.data.photoNotice).toBe('')
})

test('the form tells what the phone number is for and links the privacy notice', async () => {
  const form = await open('pages/report/index')
  expect(text(form, '#phone-notice')).toContain('仅供教育局办理人员联系您核实情况')
  expect(text(form, '#consent')).toContain('《隐私保护指引》')
  form.instance.openPrivacy()
  expect(shim.navigations[0].url).toBe('/pages/about/index?privacy=1')
  const about = await open('pages/about/index', { privacy: '1' })
  expect(text(about, '#privacy-body')).toContain('手机号码')
  expect(text(about, '#bureau-name')).toBe('临江县教育局')
  expect(text(about, '#bureau-hours')).toContain('工作日')
  tap(about, '#bureau-phone')
  await waitFor(() => shim.calls.find((c) => c.api === 'makePhoneCall'), 'the call')
  expect(shim.calls.find((c) => c.api === 'makePhoneCall').options.phoneNumber).toBe('057982345678')
  expect(text(about, '#version')).toMatch(/^\d+\.\d+\.\d+$/)
})
