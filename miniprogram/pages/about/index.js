/**
 * 关于: the bureau that runs the mini-program (主办单位, 监督电话 with a call, office
 * hours, from GET /meta `bureau`), the privacy notice (GET /privacy, also opened from the
 * report form's consent line with `?privacy=1`) and the version.
 */
const api = require('../../utils/api')
const backend = require('../../utils/backend')

const VERSION = '1.1.0'

Component({
  data: { bureau: null, privacy: {}, showPrivacy: false, version: VERSION, error: '' },
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

    /** WeChat's own page of the notice filed in the admin console. */
    openContract() {
      if (wx.openPrivacyContract) wx.openPrivacyContract({})
    },
  },
})
