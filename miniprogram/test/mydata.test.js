/**
 * 关于 → 我的数据 and 注销 (PIPL Art. 45, 47) against the real backend: the parent reads and
 * copies (selectable text) what the service holds about them (GET /me/data), and withdraws (DELETE /me)
 * after confirming; a later sign-in starts an empty account.
 */
const { open, tap, text, waitFor } = require('./support/pages')
const { send } = require('./support/http')
const api = require('../utils/api')

const REPORT = {
  category: 'fees',
  description: '周六上午以托管名义上数学课，还要求预交一年学费。',
  institution_name: '无名补习班',
  institution_address: '城关镇幸福小区 3 栋 201',
}

function file() {
  return api.request('/complaints', { method: 'POST', auth: true, data: REPORT })
}

test('我的数据 shows what is held about the parent, all of it as selectable text', async () => {
  const filed = await file()
  const about = await open('pages/about/index')
  tap(about, '#my-data')
  await waitFor(() => about.data.myDataSummary || about.data.myDataError, 'my data')
  expect(about.data.myDataError).toBe('')
  expect(about.data.myDataSummary.complaints).toBe(1)
  expect(text(about, '#my-data-summary')).toContain('投诉 1 件')
  tap(about, '#show-my-data')
  const copied = JSON.parse(await waitFor(() => text(about, '#my-data-json'), 'the whole copy'))
  expect(copied.complaints.map((c) => c.no)).toEqual([filed.no])
  expect(copied.account).toBeTruthy()
})

/** GET /me/data with a given token, as a stolen or stale one would be sent; the status. */
async function statusWith(token) {
  const url = process.env.MP_TEST_ORIGIN + '/api/mp/v1/me/data'
  return (await send(url, { headers: { Authorization: 'Bearer ' + token } })).status
}

test('注销 asks first, deletes the account, and its token stops working', async () => {
  await file()
  const token = wx.getStorageSync('sj_token').token
  expect(await statusWith(token)).toBe(200)
  const about = await open('pages/about/index')
  shim.modalConfirm = false
  tap(about, '#withdraw')
  await waitFor(() => shim.modals.length, 'the confirmation')
  expect(shim.modals[0]).toContain('注销')
  expect((await api.request('/complaints', { auth: true })).items.length).toBe(1)
  shim.modalConfirm = true
  tap(about, '#withdraw')
  await waitFor(() => about.data.withdrawn || about.data.myDataError, 'the withdrawal')
  expect(about.data.myDataError).toBe('')
  expect(text(about, '#withdrawn')).toContain('已注销')
  expect(wx.getStorageSync('sj_token')).toBe('')
  expect(await statusWith(token)).toBe(401)
})

test('the report and supplement forms ask parents not to write a child\'s name or school', async () => {
  const form = await open('pages/report/index')
  expect(text(form, '#description-hint')).toContain('请勿填写孩子的姓名、就读学校')
  const filed = await file()
  const detail = await open('pages/complaint/detail', { no: filed.no })
  expect(text(detail, '#supplement-hint')).toContain('请勿填写孩子的姓名、就读学校')
})
