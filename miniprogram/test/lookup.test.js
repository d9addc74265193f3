/**
 * Home page: a parent checks names against the bureau's lists (real backend, demo county).
 */
const { open, tap, text, waitFor } = require('./support/pages')

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
})
