/**
 * Nearby: the parent's position from wx.getLocation in GCJ-02 (what the directory stores
 * and what <map> draws), institutions within a radius on the map and in a list, nearest
 * first; whitelisted ones only unless the parent asks for all.
 *
 * Before it has a position the map opens on the bureau's centre (GET /meta `bureau`),
 * never at 0,0. A failed getLocation is told apart by its errMsg: privacy not agreed
 * (查看并同意 shows the privacy popup again), permission refused (去设置: wx.openSetting,
 * then locate again), or the phone's own location off (重新定位). onShow checks again, so
 * a parent back from the system settings is located without tapping.
 */
const backend = require('../../utils/backend')
const format = require('../../utils/format')
const failures = require('../../utils/failures')

const RADII = [1000, 3000, 5000, 10000]
const MARKER_STATUSES = ['whitelist', 'blacklist', 'revoked', 'suspended', 'pending']

function marker(item, index) {
  const icon = MARKER_STATUSES.includes(item.status) ? item.status : 'pending'
  return {
    id: index, // <map> marker ids are numbers: the item's index
    latitude: item.location.lat,
    longitude: item.location.lng,
    title: item.name,
    iconPath: '/images/marker-' + icon + '.png',
    width: 28,
    height: 36,
    callout: { content: item.name + '（' + item.status_label + '）', display: 'BYCLICK', padding: 6, borderRadius: 4 },
  }
}

Component({
  data: {
    latitude: 0,
    longitude: 0,
    bureauName: '',
    located: false,
    problem: '',
    problemKind: '',
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
      return this.centreOnBureau().then(() => this.locate())
    },

    /** Back from the settings (or another page): try again if still not located. */
    onShow() {
      if (this.data.located || this.data.problemKind !== 'denied') return Promise.resolve()
      return new Promise((resolve) => wx.getSetting({ success: resolve, fail: () => resolve({ authSetting: {} }) })).then((res) =>
        res.authSetting && res.authSetting['scope.userLocation'] ? this.locate() : null
      )
    },

    onPullDownRefresh() {
      return (this.data.located ? this.search() : this.locate()).then(() => wx.stopPullDownRefresh())
    },

    /** The map's centre until the phone gives a position: the bureau's. */
    centreOnBureau() {
      return backend
        .meta()
        .then((meta) => {
          const bureau = meta.bureau || {}
          const centre = bureau.center
          if (centre && !this.data.located) this.setData({ latitude: centre.lat, longitude: centre.lng })
          this.setData({ bureauName: bureau.name || '' })
        })
        .catch(() => null)
    },

    /** Ask WeChat for the position (GCJ-02), then search around it. */
    locate() {
      this.setData({ error: '' })
      return new Promise((resolve) => {
        wx.getLocation({
          type: 'gcj02',
          success: (res) => {
            this.setData({ latitude: res.latitude, longitude: res.longitude, located: true, problem: '', problemKind: '' })
            resolve(this.search())
          },
          fail: (res) => {
            const { kind, message } = failures.location(res)
            this.setData({ problem: message || failures.location({ errMsg: 'fail' }).message, problemKind: kind })
            resolve()
          },
        })
      })
    },

    /** 去设置: the mini-program's settings (only from a tap); located again if switched on. */
    openSetting() {
      return new Promise((resolve) => {
        wx.openSetting({
          success: (res) => resolve(res.authSetting && res.authSetting['scope.userLocation'] ? this.locate() : null),
          fail: () => resolve(),
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
          const markers = items.map((item, index) => (item.location ? marker(item, index) : null)).filter(Boolean)
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
