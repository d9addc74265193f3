/**
 * Subscribe messages: the report form asks for the templates /meta names inside the tap,
 * and tells the server which the parent accepted (POST /subscriptions).
 */
const { open, tapCall } = require('./support/pages')
const backend = require('../utils/backend')

// The demo's status template (WECHAT_TEMPLATE_STATUS), for a server whose /meta does not
// list subscribe_templates yet.
const DEMO_STATUS_TEMPLATE = 'demo-status-template'

async function reportForm() {
  const form = await open('pages/report/index')
  const meta = await backend.meta()
  const ids = meta.subscribe_templates.map((t) => t.id)
  expect(form.data.templates).toEqual(ids) // what the form took from /meta ([] when absent)
  form.setData({ templates: ids.length ? ids : [DEMO_STATUS_TEMPLATE] })
  return form
}

function subscriptionPosts() {
  return shim.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/subscriptions'))
}

test('accepted templates are reported to the server', async () => {
  const form = await reportForm()
  const accepted = await tapCall(form, 'askToSubscribe')
  expect(shim.subscribePrompts).toEqual([form.data.templates.slice(0, 3)])
  expect(accepted).toEqual(form.data.templates.slice(0, 3))
  expect(subscriptionPosts().map((r) => r.status)).toEqual([204])
})

test('refused templates are not reported, and nothing is asked without templates', async () => {
  shim.subscribeAnswer = 'reject'
  const form = await reportForm()
  expect(await tapCall(form, 'askToSubscribe')).toEqual([])
  expect(subscriptionPosts()).toHaveLength(0)
  form.setData({ templates: [] })
  await tapCall(form, 'askToSubscribe')
  expect(shim.subscribePrompts).toHaveLength(1)
})

test('WeChat shows the prompt only inside a tap: asked later, it fails and nothing is posted', async () => {
  const form = await reportForm()
  expect(await form.instance.askToSubscribe()).toEqual([])
  expect(shim.subscribePrompts).toEqual([])
  expect(subscriptionPosts()).toHaveLength(0)
})
