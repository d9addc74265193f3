/**
 * An institution's public page: list status and its history, the archive the bureau
 * keeps, courses (never for a blacklisted or revoked one: they would read as an offer),
 * public rectification summaries, navigation and a call, and 投诉 to report it.
 *
 * Opened from a list (`?id=`) or from the institution's 小程序码: WeChat passes the
 * code's scene (the institution id) as `options.scene`, URL-encoded.
 */
const backend = require('../../utils/backend')
const format = require('../../utils/format')
const { verdictOf, NO_COURSES } = require('../../utils/verdicts')

/** The archive as label/value rows, skipping what the institution has not filed. */
function archiveRows(inst) {
  const teachers = inst.teachers && inst.teachers.total !== undefined
    ? inst.teachers.total + ' 人（其中具备相应资质 ' + inst.teachers.qualified + ' 人）'
    : ''
  const prepaid = inst.prepaid_account && inst.prepaid_account.bank
    ? inst.prepaid_account.bank + ' ' + (inst.prepaid_account.account || '')
    : ''
  const rows = [
    ['类型', [inst.kind_label, inst.category_label].filter(Boolean).join(' · ')],
    ['性质', inst.nature_label],
    ['办学形式', inst.mode_label],
    ['办学许可证号', inst.licence_no],
    ['统一社会信用代码', inst.credit_code],
    ['乡镇/街道', inst.district],
    ['地址', inst.address],
    ['电话', inst.phone],
    ['营业时间', inst.business_hours],
    ['在读学生', inst.students !== undefined && inst.students !== null ? inst.students + ' 人' : ''],
    ['教师', teachers],
    ['预收费监管账户', prepaid],
    ['别名', (inst.aliases || []).join('、')],
  ]
  return rows.filter((row) => row[1]).map((row) => ({ label: row[0], value: String(row[1]) }))
}

/** The id this page was opened for: `id`, or the 小程序码's `scene`. */
function institutionId(options) {
  if (options.id) return options.id
  if (options.scene) return decodeURIComponent(options.scene)
  return ''
}

Component({
  data: { id: '', inst: null, look: null, rows: [], history: [], courses: [], rectifications: [], loading: true, error: '' },
  methods: {
    onLoad(options = {}) {
      const id = institutionId(options)
      this.setData({ id })
      if (!id) {
        this.setData({ loading: false, error: '缺少机构编号，请从搜索结果进入' })
        return Promise.resolve()
      }
      return this.load()
    },

    load() {
      this.setData({ loading: true, error: '' })
      return backend
        .institution(this.data.id)
        .then((inst) => {
          this.setData({
            inst,
            look: verdictOf(inst.status),
            rows: archiveRows(inst),
            history: (inst.status_history || [])
              .slice()
              .reverse()
              .map((h, index) => Object.assign({}, h, { key: 'h' + index, day: format.day(h.at) })),
            courses: NO_COURSES.includes(inst.status) ? [] : inst.courses || [],
            rectifications: (inst.rectifications || []).map((r, index) =>
              Object.assign({}, r, {
                key: 'r' + index,
                opened: format.day(r.opened_at),
                due: format.day(r.due_at),
                closed: format.day(r.closed_at),
              })
            ),
          })
          if (wx.setNavigationBarTitle) wx.setNavigationBarTitle({ title: inst.name })
        })
        .catch((error) => this.setData({ error: error.message }))
        .then(() => this.setData({ loading: false }))
    },

    /** 投诉: the report form about this institution. */
    report() {
      const inst = this.data.inst
      wx.navigateTo({
        url: '/pages/report/index?institution_id=' + inst.id + '&institution_name=' + encodeURIComponent(inst.name),
      })
    },

    onPullDownRefresh() {
      return this.load().then(() => wx.stopPullDownRefresh())
    },

    /** 导航: WeChat's map with the institution's place (GCJ-02, as stored). */
    navigate() {
      const inst = this.data.inst
      if (!inst || !inst.location) return
      wx.openLocation({ latitude: inst.location.lat, longitude: inst.location.lng, name: inst.name, address: inst.address || '', scale: 16 })
    },

    callPhone() {
      if (this.data.inst && this.data.inst.phone) wx.makePhoneCall({ phoneNumber: this.data.inst.phone })
    },

    onShareAppMessage() {
      const inst = this.data.inst
      return { title: inst ? inst.name + '（' + inst.status_label + '）' : '机构详情', path: '/pages/institution/detail?id=' + this.data.id }
    },
  },
})
