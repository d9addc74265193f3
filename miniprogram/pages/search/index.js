/**
 * Search results: any part of a name or alias, pinyin or initials, licence number or
 * credit code, narrowed by district, kind, category and list status; more on scroll.
 */
const backend = require('../../utils/backend')

const FILTERS = ['district', 'kind', 'category', 'status']
const ALL = '全部'
const FILTER_NAMES = { district: '乡镇/街道', kind: '类型', category: '类别', status: '名单' }

/** Picker options for one filter: "全部" first, then the labelled codes from /meta. */
function optionsFor(meta, field) {
  const table = {
    district: (meta.districts || []).map((d) => ({ code: d, label: d })),
    kind: meta.institution_kinds || [],
    category: meta.institution_categories || [],
    status: meta.statuses || [],
  }[field]
  return [{ code: '', label: ALL }].concat(table)
}

Component({
  data: {
    q: '',
    filters: { district: '', kind: '', category: '', status: '' },
    filterLabels: Object.assign({}, FILTER_NAMES),
    options: { district: [], kind: [], category: [], status: [] },
    items: [],
    total: 0,
    page: 0,
    loading: false,
    searched: false,
    error: '',
  },
  methods: {
    onLoad(options = {}) {
      this.setData({ q: options.q ? decodeURIComponent(options.q) : '' })
      return Promise.all([this.loadMenus(), this.search()])
    },

    loadMenus() {
      return backend
        .meta()
        .then((meta) => {
          const options = {}
          FILTERS.forEach((field) => {
            options[field] = optionsFor(meta, field)
          })
          this.setData({ options })
        })
        .catch((error) => this.setData({ error: error.message }))
    },

    onInput(e) {
      this.setData({ q: e.detail.value })
    },

    /** A filter picker changed: `data-field`, the option's index in detail.value. */
    onFilter(e) {
      const field = e.currentTarget.dataset.field
      const option = this.data.options[field][Number(e.detail.value)] || { code: '' }
      this.setData({
        ['filters.' + field]: option.code,
        ['filterLabels.' + field]: option.code ? option.label : FILTER_NAMES[field],
      })
      return this.search()
    },

    /** Search from the first page. */
    search() {
      this.setData({ items: [], page: 0, total: 0 })
      return this.loadMore()
    },

    onReachBottom() {
      if (this.data.items.length < this.data.total) return this.loadMore()
      return Promise.resolve()
    },

    loadMore() {
      if (this.data.loading) return Promise.resolve()
      const page = this.data.page + 1
      const params = Object.assign({ q: this.data.q.trim(), page, per_page: 20 }, this.data.filters)
      this.setData({ loading: true, error: '' })
      return backend
        .searchInstitutions(params)
        .then((body) => this.setData({ items: this.data.items.concat(body.items), total: body.total, page, searched: true }))
        .catch((error) => this.setData({ error: error.message }))
        .then(() => this.setData({ loading: false }))
    },

    onPullDownRefresh() {
      return this.search().then(() => wx.stopPullDownRefresh())
    },

    /** Nothing found: report the name as an unlisted institution. */
    reportUnlisted() {
      const name = this.data.q.trim()
      wx.navigateTo({ url: '/pages/report/index?unlisted=1&institution_name=' + encodeURIComponent(name) })
    },

    openInstitution(e) {
      wx.navigateTo({ url: '/pages/institution/detail?id=' + e.currentTarget.dataset.id })
    },
  },
})
