/**
 * Our privacy popup: shown when WeChat asks for the parent's agreement before a privacy
 * API (utils/privacy.js). 同意并继续 is the open-type="agreePrivacyAuthorization"
 * button WeChat checks was tapped; 不同意 lets the waiting API fail (the page then says
 * what the parent can do); the link opens the full 隐私保护指引 (wx.openPrivacyContract).
 */
const privacy = require('../../utils/privacy')

const USES = {
  getLocation: '“附近”的定位',
  chooseMedia: '拍照或选择照片',
  saveImageToPhotosAlbum: '保存图片到相册',
}

Component({
  data: { shown: false, what: '该功能', contractName: '《双减监督小程序隐私保护指引》' },
  lifetimes: {
    attached() {
      privacy.attach(this)
    },
    detached() {
      privacy.detach(this)
    },
  },
  methods: {
    show(referrer) {
      this.setData({ shown: true, what: USES[referrer] || '该功能' })
      if (wx.getPrivacySetting) {
        wx.getPrivacySetting({ success: (res) => res.privacyContractName && this.setData({ contractName: res.privacyContractName }) })
      }
    },
    hide() {
      if (this.data.shown) this.setData({ shown: false })
    },
    openContract() {
      if (wx.openPrivacyContract) wx.openPrivacyContract({})
    },
    onAgree() {
      privacy.answer('agree', 'agree-btn')
    },
    onRefuse() {
      privacy.answer('disagree')
    },
  },
})
