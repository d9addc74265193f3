/**
 * Home and search: a parent checks names against the bureau's lists and searches the
 * directory (real backend, demo county: 启航英语培训学校 is whitelisted, 智慧树数学工作室
 * blacklisted, and 启航英语培训中心 / 起航英语培训学校 are lookalikes that are not listed).
 */
const { open, tap, text, waitFor } = require('./support/pages')
const staff = require('./support/staff')

async function check(name) {
  const home = await open('pages/home/index')
  home.instance.onInput({ detail: { value: name } })
  tap(home, '#check')
  await waitFor(() => home.data.verdict || home.data.error, 'the verdict')
  return home
}

test('a whitelisted name shows 白名单 and its institution', async () => {
  const home = await check('启航英语培训学校')
  expect(home.data.verdict.verdict).toBe('whitelist')
  expect(text(home, '#verdict-label')).toBe('白名单')
  expect(text(home, '#verdict-message')).toContain('白名单')
  expect(home.data.verdict.institution.name).toBe('启航英语培训学校')
  tap(home, '#report-checked')
  await waitFor(() => shim.navigations.length, 'navigation')
  expect(shim.navigations[0].url).toMatch(/^\/pages\/report\/index\?institution_id=[0-9a-f]{24}&/)
})

test('a blacklisted name shows 黑名单 and warns not to pay', async () => {
  const home = await check('智慧树数学工作室')
  expect(home.data.verdict.verdict).toBe('blacklist')
  expect(text(home, '#verdict-label')).toBe('黑名单')
  expect(text(home, '#verdict-message')).toContain('请勿报名或缴费')
  expect(text(home, '#verdict-title')).toBe('黑名单机构')
  expect(home.querySelector('.verdict-blacklist')).toBeTruthy()
})

test.each(['启航英语培训中心', '起航英语培训学校'])('the lookalike %s is not listed and is never shown as the answer', async (name) => {
  const home = await check(name)
  expect(home.data.verdict.verdict).toBe('not_listed')
  expect(home.data.verdict.institution).toBeNull()
  expect(text(home, '#verdict-label')).toBe('未在教育部门登记名单中')
  const warning = text(home, '#lookalike-warning')
  expect(warning).toContain('不是您输入的这一家')
  expect(warning).toContain('启航英语培训学校')
  expect(text(home, '#verdict-message')).toContain('不是同一家')
})

test('a name like nothing listed has no lookalike warning and offers 去举报', async () => {
  const home = await check('金色童年围棋道场')
  expect(home.data.verdict.verdict).toBe('not_listed')
  expect(text(home, '#verdict-title')).toBe('未登记')
  expect(home.querySelector('#lookalike-warning')).toBeFalsy()
  expect(text(home, '#verdict-message')).not.toContain('下列机构名称相近')
  tap(home, '#report-unlisted')
  await waitFor(() => shim.navigations.length, 'navigation')
  expect(shim.navigations[0].url).toContain('unlisted=1')
})

test('an overlong name shows the server message', async () => {
  const home = await check('机'.repeat(101))
  expect(home.data.verdict).toBeNull()
  expect(home.data.error).toBe('提交的内容有误，请检查后重试')
  expect(home.data.errorRetry).toBe(false) // a refused name is not retried as is
})

test('home lists the published notices and the notices page opens one', async () => {
  const home = await open('pages/home/index')
  expect(home.data.notices.length).toBeGreaterThan(0)
  expect(home.querySelectorAll('.notice-item').length).toBe(home.data.notices.length)
  const notices = await open('pages/notices/index', { id: home.data.notices[0].id })
  expect(notices.data.current.title).toBe(home.data.notices[0].title)
  expect(notices.data.current.body.length).toBeGreaterThan(10)
  await notices.instance.show('0123456789abcdef01234567')
  expect(notices.data.error).toBe('请求的内容不存在')
})

test('search by pinyin initials, then narrowed by a filter, pages on scroll', async () => {
  const search = await open('pages/search/index', { q: 'qhyy' })
  expect(search.data.items[0].name).toBe('启航英语培训学校')
  const all = await open('pages/search/index', {})
  expect(all.data.total).toBeGreaterThan(20)
  expect(all.data.items.length).toBe(20)
  await all.instance.onReachBottom()
  expect(all.data.items.length).toBe(Math.min(40, all.data.total))
  const statuses = all.data.options.status
  const blacklist = statuses.findIndex((o) => o.code === 'blacklist')
  await all.instance.onFilter({ currentTarget: { dataset: { field: 'status' } }, detail: { value: blacklist } })
  expect(all.data.items.length).toBeGreaterThan(0)
  expect(all.data.items.every((i) => i.status === 'blacklist')).toBe(true)
  expect(all.data.filterLabels.status).toBe('黑名单')
  expect(all.data.total).toBeLessThan(40)
})

test('a name two institutions share is ambiguous, and the list says they share it', async () => {
  const { json } = require('./support/http')
  const admin = await staff.signIn('admin')
  const made = await json(process.env.MP_TEST_ORIGIN + '/api/staff/v1/institutions', {
    method: 'POST',
    token: admin.token,
    body: { name: '明德学堂', kind: 'subject', nature: 'non_profit', mode: 'offline', district: '河口镇', address: '河口镇新街 8 号', status: 'pending' },
  })
  expect(made.status).toBe(201)
  const home = await check('明德学堂')
  expect(home.data.verdict.verdict).toBe('ambiguous')
  expect(home.data.verdict.institution).toBeNull()
  const warning = text(home, '#lookalike-warning')
  expect(warning).toContain('使用这一名称')
  expect(warning).not.toContain('不是您输入的这一家')
  expect(home.data.verdict.similar.filter((i) => i.name === '明德学堂')).toHaveLength(2)
})
