/**
 * Nearby: the parent's position from wx.getLocation in GCJ-02 (what the directory stores
 * and what <map> draws), institutions within a radius on the map and in a list, nearest
 * first; whitelisted ones only unless the parent asks for all.
 */
const backend = require('../../utils/backend')
const format = require('../../utils/format')

const RADII = [1000, 3000, 5000, 10000]

Component({
  data: {
    latitude: 0,
    longitude: 0,
    located: false,
    radii: RADII.map((r) => format.distance(r)),
    radiusIndex: 1,
    whitelistOnly: true,
    items: [],
    markers: [],
    selected: -1,
    loading: false,
    error: '',
  },
  methods: {
    onLoad() {
      return this.locate()
    },

    /** Ask WeChat for the position (GCJ-02), then search around it. */
    locate() {
      this.setData({ error: '' })
      return new Promise((resolve) => {
        wx.getLocation({
          type: 'gcj02',
          success: (res) => {
            this.setData({ latitude: res.latitude, longitude: res.longitude, located: true })
            resolve(this.search())
          },
          fail: () => {
            this.setData({ error: '未能获取您的位置：请在设置中允许使用位置信息后重试' })
            resolve()
          },
        })
      })
    },

    onRadius(e) {
      this.setData({ radiusIndex: Number(e.detail.value) })
      return this.search()
    },

    onWhitelistOnly(e) {
      this.setData({ whitelistOnly: !!e.detail.value })
      return this.search()
    },

    search() {
      if (!this.data.located) return Promise.resolve()
      const params = {
        lat: this.data.latitude,
        lng: this.data.longitude,
        radius_m: RADII[this.data.radiusIndex],
        status: this.data.whitelistOnly ? 'whitelist' : '',
        per_page: 50,
      }
      this.setData({ loading: true, error: '' })
      return backend
        .searchInstitutions(params)
        .then((body) => {
          const items = body.items.map((item) => Object.assign({}, item, { distance: format.distance(item.distance_m) }))
          const markers = items
            .map((item, index) => ({ item, index }))
            .filter(({ item }) => item.location)
            .map(({ item, index }) => ({
              id: index, // <map> marker ids are numbers: the item's index
              latitude: item.location.lat,
              longitude: item.location.lng,
              title: item.name,
              width: 28,
              height: 36,
              callout: { content: item.name + '（' + item.status_label + '）', display: 'BYCLICK', padding: 6, borderRadius: 4 },
            }))
          this.setData({ items, markers, selected: -1 })
        })
        .catch((error) => this.setData({ error: error.message }))
        .then(() => this.setData({ loading: false }))
    },

    /** A marker tapped: highlight its institution in the list. */
    onMarkerTap(e) {
      this.setData({ selected: Number(e.detail.markerId) })
    },

    openInstitution(e) {
      wx.navigateTo({ url: '/pages/institution/detail?id=' + e.currentTarget.dataset.id })
    },
  },
})
