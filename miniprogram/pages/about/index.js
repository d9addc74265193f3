/**
 * 关于: the bureau that runs the mini-program (主办单位, 监督电话 with a call, office
 * hours, from GET /meta `bureau`), the privacy notice (GET /privacy, also opened from the
 * report form's consent line with `?privacy=1`), the version, and the parent's rights:
 * 我的数据 (GET /me/data, shown as counts and as selectable JSON) and 注销 (DELETE /me after a
 * confirmation; the stored token goes with the account).
 */
const api = require('../../utils/api')
const backend = require('../../utils/backend')

const VERSION = '1.1.0'

Component({
  data: {
    bureau: null,
    privacy: {},
    showPrivacy: false,
    version: VERSION,
    error: '',
    myData: null,
    myDataSummary: null,
    myDataError: '',
    showMyData: false,
    withdrawn: false,
  },
  methods: {
    onLoad(options = {}) {
      this.setData({ showPrivacy: !!options.privacy })
      return this.load()
    },

    onPullDownRefresh() {
      return this.load().then(() => wx.stopPullDownRefresh())
    },

    load() {
      this.setData({ error: '' })
      return Promise.all([backend.meta(), api.request('/privacy')])
        .then(([meta, privacy]) => this.setData({ bureau: meta.bureau || {}, privacy }))
        .catch((error) => this.setData({ error: error.message }))
    },

    callBureau() {
      const phone = this.data.bureau && this.data.bureau.phone
      if (phone) wx.makePhoneCall({ phoneNumber: phone.replace(/[^\d]/g, '') })
    },

    togglePrivacy() {
      this.setData({ showPrivacy: !this.data.showPrivacy })
    },

    /** 我的数据: GET /me/data, shown as counts, and whole as selectable text on request. */
    loadMyData() {
      this.setData({ myDataError: '', withdrawn: false })
      return api
        .request('/me/data', { auth: true })
        .then((held) => {
          const summary = { complaints: held.complaints.length, uploads: held.uploads.length, subscriptions: held.account.subscriptions.length }
          this.setData({ myData: JSON.stringify(held, null, 2), myDataSummary: summary, showMyData: false })
        })
        .catch((error) => this.setData({ myDataError: error.message }))
    },

    /** The whole copy as selectable text (long-press to copy; no clipboard API needed). */
    toggleMyData() {
      this.setData({ showMyData: !this.data.showMyData })
    },

    /** 注销: after the parent confirms, DELETE /me; the stored token goes with the account. */
    withdraw() {
      return new Promise((resolve) => {
        wx.showModal({
          title: '注销账号',
          content: '将删除您的账号、订阅和未提交的图片；已提交的投诉由教育局继续办理，但不再与您关联，您也无法再查看。确定注销吗？',
          confirmText: '注销',
          confirmColor: '#d93025',
          success: (res) => resolve(res.confirm),
          fail: () => resolve(false),
        })
      }).then((confirmed) => {
        if (!confirmed) return null
        return api
          .request('/me', { method: 'DELETE', auth: true })
          .then(() => {
            api.clearToken()
            this.setData({ withdrawn: true, myData: null, myDataSummary: null, myDataError: '' })
          })
          .catch((error) => this.setData({ myDataError: error.message }))
      })
    },

    /** WeChat's own page of the notice filed in the admin console. */
    openContract() {
      if (wx.openPrivacyContract) wx.openPrivacyContract({})
    },
  },
})
