/**
 * Home: "is this institution allowed?" (白名单/黑名单 verdict with lookalike warning),
 * a way into search, nearby and the report form, and the bureau's published notices.
 */
const backend = require('../../utils/backend')
const format = require('../../utils/format')
const { verdictOf } = require('../../utils/verdicts')

// What the list under a verdict is: other names that look alike, or several of this name.
const SIMILAR_HEADINGS = {
  ambiguous: '以下登记机构使用这一名称，请根据地址或办学许可证号确认是哪一家：',
  other: '⚠ 以下机构名称相近，但不是您输入的这一家，请核对全称、地址和办学许可证号：',
}

Component({
  data: {
    q: '',
    checking: false,
    verdict: null, // GET /institutions/check's answer
    error: '',
    errorRetry: false,
    notices: [],
    noticesError: '',
  },
  methods: {
    onLoad() {
      return this.loadNotices()
    },

    onPullDownRefresh() {
      return this.loadNotices().then(() => wx.stopPullDownRefresh())
    },

    loadNotices() {
      return backend
        .notices(1)
        .then((page) => {
          const notices = page.items.slice(0, 5).map((n) => Object.assign({}, n, { day: format.day(n.published_at) }))
          this.setData({ notices, noticesError: '' })
        })
        .catch((error) => this.setData({ noticesError: error.message }))
    },

    onInput(e) {
      this.setData({ q: e.detail.value })
    },

    /** Check the name typed against the lists. */
    onCheck() {
      const name = this.data.q.trim()
      if (!name) {
        this.setData({ error: '请输入机构全称', verdict: null })
        return Promise.resolve()
      }
      this.setData({ checking: true, error: '', errorRetry: false })
      return backend
        .checkName(name)
        .then((verdict) =>
          this.setData({
            verdict: Object.assign({}, verdict, {
              look: verdictOf(verdict.verdict),
              lookalikes: verdict.similar.length > 0,
              similarHeading: SIMILAR_HEADINGS[verdict.verdict] || SIMILAR_HEADINGS.other,
            }),
          })
        )
        .catch((error) => this.setData({ error: error.message, errorRetry: error.status === 0 || error.status >= 500, verdict: null }))
        .then(() => this.setData({ checking: false }))
    },

    onSearch() {
      wx.navigateTo({ url: '/pages/search/index?q=' + encodeURIComponent(this.data.q.trim()) })
    },

    openInstitution(e) {
      wx.navigateTo({ url: '/pages/institution/detail?id=' + e.currentTarget.dataset.id })
    },

    /** Report the institution just checked (listed or not). */
    reportChecked() {
      const verdict = this.data.verdict
      const institution = verdict && verdict.institution
      const query = institution
        ? 'institution_id=' + institution.id + '&institution_name=' + encodeURIComponent(institution.name)
        : 'institution_name=' + encodeURIComponent(this.data.q.trim()) + '&unlisted=1'
      wx.navigateTo({ url: '/pages/report/index?' + query })
    },

    openReport() {
      wx.navigateTo({ url: '/pages/report/index' })
    },

    openNearby() {
      wx.switchTab({ url: '/pages/nearby/index' })
    },

    openNotices(e) {
      const id = e.currentTarget.dataset.id
      wx.navigateTo({ url: '/pages/notices/index' + (id ? '?id=' + id : '') })
    },
  },
})
