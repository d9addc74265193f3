/**
 * One of the parent's complaints: status, deadline, the public timeline (status changes,
 * the bureau's replies and answer, the parent's supplements and rating), the photos by
 * their signed links, and what the parent may do now: add a supplement (can_supplement)
 * or rate the answer (can_rate). Subscribe messages open this page with `?no=`.
 */
const api = require('../../utils/api')
const backend = require('../../utils/backend')
const format = require('../../utils/format')
const photoUploads = require('../../behaviors/photo-uploads')
const failures = require('../../utils/failures')
const subscribe = require('../../utils/subscribe')
const { complaintTone } = require('../../utils/verdicts')

const SCORES = [
  { code: 'satisfied', label: '满意' },
  { code: 'basically_satisfied', label: '基本满意' },
  { code: 'dissatisfied', label: '不满意' },
]
const DUE_LABELS = { accept: '受理期限', resolve: '办结期限' }
// Who spoke in each timeline step: the parent's own words are never labelled as the bureau's.
const SPEAKERS = { supplement: '我的补充', rating: '我的评价', reply: '教育局答复', status: '教育局' }
const FINISHED = ['closed', 'rejected', 'merged']

function speakerOf(step) {
  if (step.kind === 'status' && step.status === 'submitted') return '我的投诉'
  return SPEAKERS[step.kind] || '教育局'
}

function shaped(detail) {
  return Object.assign({}, detail, {
    created: format.shortTime(detail.created_at),
    occurred: format.shortTime(detail.occurred_at),
    due: format.shortTime(detail.due_at),
    dueLabel: DUE_LABELS[detail.due_kind] || '',
    tone: complaintTone(detail.status),
    open: !FINISHED.includes(detail.status),
    rateUntil: format.shortTime(detail.rate_until),
    // Newest first; keys by position in the timeline (several steps may share a second).
    steps: detail.timeline
      .map((step, index) =>
        Object.assign({}, step, {
          key: 'step-' + index,
          when: format.shortTime(step.at),
          speaker: speakerOf(step),
          tone: step.status ? complaintTone(step.status) : step.kind === 'reply' ? 'info' : 'done',
        })
      )
      .reverse(),
    photos: detail.photos.map((photo, index) => Object.assign({}, photo, { key: 'photo-' + index })),
  })
}

Component({
  behaviors: [photoUploads], // the supplement's photos
  data: {
    no: '',
    detail: null,
    loading: false,
    error: '',
    scores: SCORES,
    supplementText: '',
    supplementKey: '',
    supplementing: false,
    supplementError: '',
    score: '',
    comment: '',
    rateKey: '',
    rating: false,
    rateError: '',
    templates: [],
    subscribed: false,
    albumNotice: '',
    albumNoticeKind: '',
  },
  methods: {
    onLoad(options = {}) {
      this.setData({ no: options.no || '' })
      backend
        .meta()
        .then((meta) => this.setData({ templates: meta.subscribe_templates.map((t) => t.id).filter(Boolean) }))
        .catch(() => null)
      return this.load()
    },

    /** 接收办理结果提醒: one more message per acceptance (call inside the tap). */
    subscribe() {
      return subscribe.askToSubscribe(this.data.templates).then((accepted) => {
        if (accepted.length) this.setData({ subscribed: true })
        wx.showToast({ title: accepted.length ? '已开启办理结果提醒' : '未开启提醒', icon: 'none' })
        return accepted
      })
    },

    onPullDownRefresh() {
      return this.load().then(() => wx.stopPullDownRefresh())
    },

    load() {
      if (!this.data.no) {
        this.setData({ error: '缺少投诉编号' })
        return Promise.resolve()
      }
      this.setData({ loading: true, error: '' })
      return backend
        .complaint(this.data.no)
        .then((detail) => this.setData({ detail: shaped(detail) }))
        .catch((error) => this.setData({ error: error.message }))
        .then(() => this.setData({ loading: false }))
    },

    /** Tap a photo: full-size preview, by the signed links (no header needed). */
    previewPhoto(e) {
      const urls = this.data.detail.photos.map((p) => p.url)
      wx.previewImage({ urls, current: urls[Number(e.currentTarget.dataset.index)] })
    },

    /** Long-press a photo: save the full-size picture to the phone's album. */
    savePhoto(e) {
      const photo = this.data.detail.photos[Number(e.currentTarget.dataset.index)]
      this.setData({ albumNotice: '', albumNoticeKind: '' })
      return api
        .downloadPhoto(photo.url)
        .then(
          (filePath) =>
            new Promise((resolve) =>
              wx.saveImageToPhotosAlbum({
                filePath,
                success: () => resolve('已保存到相册'),
                fail: (res) => {
                  const { kind, message } = failures.album(res)
                  if (kind !== 'cancel') this.setData({ albumNotice: message, albumNoticeKind: kind })
                  resolve(kind === 'cancel' ? '已取消' : '未能保存到相册')
                },
              })
            )
        )
        .then((title) => wx.showToast({ title, icon: 'none' }))
        .catch((error) => wx.showToast({ title: error.message, icon: 'none' }))
    },

    onSupplementText(e) {
      this.setData({ supplementText: e.detail.value, supplementError: '' })
    },

    /** 补充材料: text and photos, with an Idempotency-Key kept until it is stored. */
    submitSupplement() {
      if (this.data.supplementing) return Promise.resolve()
      const notReady = this.photosNotReady()
      if (notReady) {
        this.setData({ supplementError: notReady })
        return Promise.resolve()
      }
      const key = this.data.supplementKey || api.newIdempotencyKey()
      this.setData({ supplementing: true, supplementError: '', supplementKey: key })
      return backend
        .supplement(this.data.no, { text: this.data.supplementText, photo_ids: this.uploadedPhotoIds() }, key)
        .then((detail) => {
          this.setData({ detail: shaped(detail), supplementText: '', supplementKey: '', supplementing: false, photos: [] })
          wx.showToast({ title: '补充材料已提交', icon: 'success' })
        })
        .catch((error) => this.setData({ supplementError: error.message, supplementing: false }))
    },

    chooseScore(e) {
      this.setData({ score: e.currentTarget.dataset.code, rateError: '' })
    },

    onComment(e) {
      this.setData({ comment: e.detail.value })
    },

    /** 评价: the parent's verdict on the answer. */
    submitRating() {
      if (this.data.rating) return Promise.resolve()
      const key = this.data.rateKey || api.newIdempotencyKey()
      this.setData({ rating: true, rateError: '', rateKey: key })
      const body = { score: this.data.score || undefined, comment: this.data.comment.trim() || undefined }
      return backend
        .rate(this.data.no, body, key)
        .then((detail) => {
          this.setData({ detail: shaped(detail), rateKey: '', score: '', comment: '', rating: false })
          wx.showToast({ title: '感谢您的评价', icon: 'success' })
        })
        .catch((error) => this.setData({ rateError: error.message, rating: false }))
    },
  },
})
