/**
 * The report form (投诉举报).
 *
 * Category with the policy's explanation; the institution picked from the directory or,
 * when it is not listed, typed with its address; a description with a counter; when it
 * happened; up to 9 photos (behaviors/photo-uploads); anonymous; an optional phone.
 * Submitting first asks for the subscribe messages /meta names (WeChat only shows that
 * prompt inside a tap), then POSTs with an Idempotency-Key that is kept until the report
 * is stored, so a retry after a lost answer cannot file it twice.
 */
const api = require('../../utils/api')
const backend = require('../../utils/backend')
const format = require('../../utils/format')
const photoUploads = require('../../behaviors/photo-uploads')

const DESCRIPTION_MAX = 2000
const SUBSCRIBE_MAX = 3 // WeChat asks for at most 3 templates at a time

Component({
  behaviors: [photoUploads],
  data: {
    categories: [],
    categoryIndex: -1,
    categoryHelp: '',
    institution: null, // {id, name} from the directory
    institutionQuery: '',
    suggestions: [],
    unlisted: false,
    institutionName: '',
    institutionAddress: '',
    description: '',
    descriptionLength: 0,
    descriptionMax: DESCRIPTION_MAX,
    date: '',
    time: '',
    today: format.today(),
    anonymous: false,
    phone: '',
    templates: [],
    submitting: false,
    idempotencyKey: '',
    error: '',
    errors: {},
  },
  methods: {
    onLoad(options = {}) {
      if (options.institution_id) {
        this.setData({ institution: { id: options.institution_id, name: decodeURIComponent(options.institution_name || '') } })
      } else if (options.unlisted) {
        this.setData({ unlisted: true, institutionName: decodeURIComponent(options.institution_name || '') })
      }
      return this.loadMeta()
    },

    loadMeta() {
      return backend
        .meta()
        .then((meta) =>
          this.setData({
            categories: meta.complaint_categories,
            templates: meta.subscribe_templates.map((t) => t.id).filter(Boolean),
          })
        )
        .catch((error) => this.setData({ error: error.message }))
    },

    onCategory(e) {
      const index = Number(e.detail.value)
      const category = this.data.categories[index]
      this.setData({ categoryIndex: index, categoryHelp: category ? category.description || '' : '', 'errors.category': '' })
    },

    /** Typing the institution's name: offer matches from the directory. */
    onInstitutionInput(e) {
      const q = e.detail.value
      this.setData({ institutionQuery: q })
      if (!q.trim()) {
        this.setData({ suggestions: [] })
        return Promise.resolve()
      }
      const asked = q
      return backend
        .searchInstitutions({ q: q.trim(), per_page: 5 })
        .then((body) => {
          if (this.data.institutionQuery === asked) this.setData({ suggestions: body.items })
        })
        .catch((error) => this.setData({ error: error.message }))
    },

    pickInstitution(e) {
      const item = this.data.suggestions[Number(e.currentTarget.dataset.index)]
      this.setData({ institution: { id: item.id, name: item.name }, suggestions: [], institutionQuery: '', unlisted: false })
    },

    clearInstitution() {
      this.setData({ institution: null })
    },

    /** "机构不在名录中": type its name and address instead. */
    onUnlisted(e) {
      const unlisted = !!e.detail.value
      this.setData({ unlisted, institution: unlisted ? null : this.data.institution, suggestions: [] })
      if (unlisted && !this.data.institutionName) this.setData({ institutionName: this.data.institutionQuery })
    },

    onField(e) {
      const field = e.currentTarget.dataset.field
      this.setData({ [field]: e.detail.value, ['errors.' + field]: '' })
    },

    onDescription(e) {
      const description = e.detail.value
      this.setData({ description, descriptionLength: description.length, 'errors.description': '' })
    },

    onAnonymous(e) {
      this.setData({ anonymous: !!e.detail.value })
    },

    body() {
      const d = this.data
      const body = {
        category: d.categoryIndex >= 0 ? d.categories[d.categoryIndex].code : undefined,
        description: d.description,
        occurred_at: format.occurredAt(d.date, d.time),
        photo_ids: this.uploadedPhotoIds(),
        anonymous: d.anonymous,
      }
      if (d.institution) body.institution_id = d.institution.id
      else {
        body.institution_name = d.institutionName
        body.institution_address = d.institutionAddress
      }
      if (!d.anonymous && d.phone.trim()) body.contact_phone = d.phone.trim()
      return body
    },

    /** Ask for the status-change subscribe messages; tell the server which were accepted. */
    askToSubscribe() {
      const ids = this.data.templates.slice(0, SUBSCRIBE_MAX)
      if (!ids.length || !wx.requestSubscribeMessage) return Promise.resolve([])
      return new Promise((resolve) => {
        wx.requestSubscribeMessage({
          tmplIds: ids,
          success: (res) => resolve(ids.filter((id) => res[id] === 'accept')),
          fail: () => resolve([]),
        })
      }).then((accepted) =>
        accepted.length ? backend.subscribe(accepted).then(() => accepted, () => accepted) : accepted
      )
    },

    /** 提交: subscribe prompt, then the report with a key kept across retries. */
    submit() {
      if (this.data.submitting) return Promise.resolve()
      const notReady = this.photosNotReady()
      if (notReady) {
        this.setData({ error: notReady })
        return Promise.resolve()
      }
      const key = this.data.idempotencyKey || api.newIdempotencyKey()
      this.setData({ submitting: true, error: '', errors: {}, idempotencyKey: key })
      return this.askToSubscribe()
        .then(() => backend.submitComplaint(this.body(), key))
        .then((complaint) => {
          this.setData({ idempotencyKey: '', submitted: complaint.no })
          this.clearPhotos()
          // 已有 N 位家长反映同类问题: others reported the same institution and problem
          if (complaint.cluster_notice) {
            wx.showToast({ title: complaint.cluster_notice, icon: 'none', duration: 3000 })
          }
          wx.redirectTo({ url: '/pages/complaint/detail?no=' + complaint.no })
        })
        .catch((error) => this.setData({ error: error.message, errors: error.errors || {} }))
        .then(() => this.setData({ submitting: false }))
    },
  },
})
