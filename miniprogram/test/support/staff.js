/**
 * The bureau's side, through the staff API over HTTP: demo accounts (password
 * demo-password) sign in and act on a complaint as the console would.
 */
const { json } = require('./http')

const STAFF = () => process.env.MP_TEST_ORIGIN + '/api/staff/v1'
const PASSWORD = 'demo-password'

async function call(url, options) {
  const res = await json(url, options)
  if (res.status >= 300) throw new Error(options.method + ' ' + url + ' -> ' + res.status + ' ' + JSON.stringify(res.body))
  return res.body
}

/** Sign a demo account in; `{token, staff}`. */
async function signIn(username) {
  const body = await call(STAFF() + '/auth/login', { method: 'POST', body: { username, password: PASSWORD } })
  return { token: body.token, staff: body.staff }
}

/** The staff view of a complaint. */
function complaint(account, no) {
  return call(STAFF() + '/complaints/' + no, { method: 'GET', token: account.token })
}

/** Take one workflow action on the complaint's current version; the new detail. */
async function act(account, no, action, fields = {}) {
  const current = await complaint(account, no)
  return call(STAFF() + '/complaints/' + no + '/actions', {
    method: 'POST',
    token: account.token,
    body: Object.assign({ action, version: current.version }, fields),
  })
}

module.exports = { signIn, complaint, act }
