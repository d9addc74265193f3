/**
 * The bureau's published notices (公告), newest first; one opens in place (`?id=`
 * opens it at once, e.g. from the home page).
 */
const backend = require('../../utils/backend')
const format = require('../../utils/format')

function shaped(notice) {
  return Object.assign({}, notice, { day: format.day(notice.published_at) })
}

Component({
  data: { items: [], total: 0, page: 0, openId: '', current: null, loading: false, error: '' },
  methods: {
    onLoad(options = {}) {
      const loads = [this.loadMore()]
      if (options.id) loads.push(this.show(options.id))
      return Promise.all(loads)
    },

    onReachBottom() {
      return this.data.items.length < this.data.total ? this.loadMore() : Promise.resolve()
    },

    loadMore() {
      const page = this.data.page + 1
      this.setData({ loading: true })
      return backend
        .notices(page)
        .then((body) => this.setData({ items: this.data.items.concat(body.items.map(shaped)), total: body.total, page }))
        .catch((error) => this.setData({ error: error.message }))
        .then(() => this.setData({ loading: false }))
    },

    /** Open one notice (GET /notices/{id}: a withdrawn one answers 404 with its message). */
    show(id) {
      this.setData({ openId: id, error: '' })
      return backend
        .notice(id)
        .then((notice) => this.setData({ current: shaped(notice) }))
        .catch((error) => this.setData({ error: error.message, current: null }))
    },

    toggle(e) {
      const id = e.currentTarget.dataset.id
      if (id === this.data.openId) {
        this.setData({ openId: '', current: null })
        return Promise.resolve()
      }
      return this.show(id)
    },

    openInstitution(e) {
      wx.navigateTo({ url: '/pages/institution/detail?id=' + e.currentTarget.dataset.id })
    },
  },
})
