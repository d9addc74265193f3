/**
 * My complaints: the parent's own reports, newest first, each with its status (colour and word).
 */
const backend = require('../../utils/backend')
const format = require('../../utils/format')
const { complaintTone } = require('../../utils/verdicts')

Component({
  data: { items: [], total: 0, page: 0, loading: false, loaded: false, error: '' },
  methods: {
    onLoad() {
      return this.reload()
    },

    onShow() {
      // Back from a complaint (or a new report): statuses may have moved.
      return this.data.loaded ? this.reload() : Promise.resolve()
    },

    onPullDownRefresh() {
      return this.reload().then(() => wx.stopPullDownRefresh())
    },

    onReachBottom() {
      return this.data.items.length < this.data.total ? this.loadMore() : Promise.resolve()
    },

    reload() {
      this.setData({ items: [], page: 0, total: 0 })
      return this.loadMore()
    },

    loadMore() {
      if (this.data.loading) return Promise.resolve()
      const page = this.data.page + 1
      this.setData({ loading: true, error: '' })
      return backend
        .myComplaints(page)
        .then((body) => {
          const items = body.items.map((c) => Object.assign({}, c, { created: format.shortTime(c.created_at), tone: complaintTone(c.status) }))
          this.setData({ items: this.data.items.concat(items), total: body.total, page, loaded: true })
        })
        .catch((error) => this.setData({ error: error.message }))
        .then(() => this.setData({ loading: false }))
    },

    open(e) {
      wx.navigateTo({ url: '/pages/complaint/detail?no=' + e.currentTarget.dataset.no })
    },

    report() {
      wx.navigateTo({ url: '/pages/report/index' })
    },
  },
})
