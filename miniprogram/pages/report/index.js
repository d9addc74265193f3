/**
 * The report form (投诉举报).
 *
 * Category with the policy's explanation; the institution picked from the directory or,
 * when it is not listed, typed with its address; a description with a counter; when it
 * happened; up to 9 photos (behaviors/photo-uploads); anonymous; an optional phone with
 * a notice of what it is for, and the consent line linking the privacy notice.
 * 提交 checks the form first (no prompt for a form that cannot be sent), then asks for
 * the subscribe messages /meta names (WeChat only shows that prompt inside the tap), then
 * POSTs with an Idempotency-Key kept until the report is stored, so a retry after a lost
 * answer cannot file it twice. The server's errors show beside their fields, the
 * institution's too: a name typed without picking a suggestion is kept as the unlisted
 * institution's name.
 */
const api = require('../../utils/api')
const backend = require('../../utils/backend')
const format = require('../../utils/format')
const photoUploads = require('../../behaviors/photo-uploads')
const subscribe = require('../../utils/subscribe')

const DESCRIPTION_MAX = 2000
const DESCRIPTION_MIN = 10

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
      this.setData({ institutionQuery: q, 'errors.institution_name': '' })
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
        body.institution_name = (d.unlisted ? d.institutionName : d.institutionQuery).trim()
        body.institution_address = d.institutionAddress.trim()
      }
      if (!d.anonymous && d.phone.trim()) body.contact_phone = d.phone.trim()
      return body
    },

    /** Ask for the status-change subscribe messages; tell the server which were accepted. */
    askToSubscribe() {
      return subscribe.askToSubscribe(this.data.templates)
    },

    /** What the form lacks before it can be sent ({field: message}), checked on the phone. */
    missing() {
      const d = this.data
      const errors = {}
      if (d.categoryIndex < 0) errors.category = '请选择问题类别'
      if (d.description.trim().length < DESCRIPTION_MIN) errors.description = '请至少写 ' + DESCRIPTION_MIN + ' 个字，说明时间、地点和经过'
      if (!d.institution) {
        const name = (d.unlisted ? d.institutionName : d.institutionQuery).trim()
        if (!name) errors.institution_name = '请选择或填写被投诉机构的名称'
        if (!d.institutionAddress.trim()) errors.institution_address = '请填写机构地址（未从名录中选择机构时必填）'
      }
      return errors
    },

    /** Show errors; an institution typed but not picked becomes the unlisted one, text kept. */
    showErrors(message, errors) {
      const update = { error: message, errors }
      if (!this.data.institution && (errors.institution_name || errors.institution_address) && !this.data.unlisted) {
        update.unlisted = true
        update.institutionName = this.data.institutionName || this.data.institutionQuery
        update.suggestions = []
      }
      this.setData(update)
    },

    /** 提交: check, subscribe prompt (inside the tap), then the report with a kept key. */
    submit() {
      if (this.data.submitting) return Promise.resolve()
      const notReady = this.photosNotReady()
      if (notReady) {
        this.setData({ error: notReady })
        return Promise.resolve()
      }
      const errors = this.missing()
      if (Object.keys(errors).length) {
        this.showErrors('请补全标红的内容后再提交', errors)
        return Promise.resolve()
      }
      const key = this.data.idempotencyKey || api.newIdempotencyKey()
      this.setData({ submitting: true, error: '', errors: {}, idempotencyKey: key })
      return this.askToSubscribe()
        .then(() => backend.submitComplaint(this.body(), key))
        .then((complaint) => {
          this.setData({ idempotencyKey: '', submitted: complaint.no })
          this.clearPhotos()
          wx.redirectTo({ url: '/pages/complaint/detail?no=' + complaint.no })
        })
        .catch((error) => this.showErrors(error.message, error.errors || {}))
        .then(() => this.setData({ submitting: false }))
    },

    openPrivacy() {
      wx.navigateTo({ url: '/pages/about/index?privacy=1' })
    },
  },
})
