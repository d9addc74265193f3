/**
 * The endpoints the pages call, one function each (paths and shapes: docs/mini-program.md).
 */
const api = require('./api')

let metaCache = null

/** Menus and labels (cached for the session); `subscribe_templates` may be absent: []. */
function meta() {
  if (!metaCache) {
    metaCache = api.request('/meta').then((body) =>
      Object.assign({ subscribe_templates: [] }, body, {
        subscribe_templates: Array.isArray(body.subscribe_templates) ? body.subscribe_templates : [],
      })
    )
    metaCache.catch(() => {
      metaCache = null
    })
  }
  return metaCache
}

module.exports = {
  meta,
  forgetMeta() {
    metaCache = null
  },
  checkName: (name) => api.request('/institutions/check' + api.query({ name })),
  searchInstitutions: (params) => api.request('/institutions' + api.query(params)),
  institution: (id) => api.request('/institutions/' + encodeURIComponent(id)),
  notices: (page = 1) => api.request('/notices' + api.query({ page, per_page: 20 })),
  notice: (id) => api.request('/notices/' + encodeURIComponent(id)),
  myComplaints: (page = 1) => api.request('/complaints' + api.query({ page, per_page: 20 }), { auth: true }),
  complaint: (no) => api.request('/complaints/' + encodeURIComponent(no), { auth: true }),
  submitComplaint: (body, key) =>
    api.request('/complaints', { method: 'POST', data: body, auth: true, header: { 'Idempotency-Key': key } }),
  supplement: (no, body, key) =>
    api.request('/complaints/' + encodeURIComponent(no) + '/supplements', {
      method: 'POST',
      data: body,
      auth: true,
      header: { 'Idempotency-Key': key },
    }),
  rate: (no, body, key) =>
    api.request('/complaints/' + encodeURIComponent(no) + '/rating', {
      method: 'POST',
      data: body,
      auth: true,
      header: { 'Idempotency-Key': key },
    }),
  subscribe: (templateIds) =>
    api.request('/subscriptions', { method: 'POST', data: { template_ids: templateIds }, auth: true }),
}
