/**
 * Up to 9 photos picked with wx.chooseMedia and uploaded with wx.uploadFile, at most three
 * at a time (nine at once time out together on county 4G), each retried with back-off by
 * utils/api.js, each with its progress and its error. Shared by the report form and the
 * supplement form; `uploadedPhotoIds()` gives what to submit.
 *
 * - Photos are picked compressed; one still over 2 MB goes through wx.compressImage.
 * - A failed pick is told apart (utils/failures.js): cancelled says nothing; privacy
 *   refused or a permission denied says what to do (the page shows `photoNotice`).
 * - A failed upload keeps its place with the server's message. One the server refused
 *   for good (content_rejected, image_too_large ...) can only be removed; one that got
 *   no answer can be retried or removed. Failed photos never block submitting: they are
 *   simply not sent.
 */
const api = require('../utils/api')
const failures = require('../utils/failures')

const MAX_PHOTOS = 9
const PARALLEL = 3
const COMPRESS_ABOVE = 2 * 1024 * 1024
let nextKey = 1

function compressed(file) {
  if (!(file.size > COMPRESS_ABOVE) || !wx.compressImage) return Promise.resolve(file.tempFilePath)
  return new Promise((resolve) => {
    wx.compressImage({
      src: file.tempFilePath,
      quality: 70,
      success: (res) => resolve(res.tempFilePath),
      fail: () => resolve(file.tempFilePath), // the server still takes up to its limit
    })
  })
}

module.exports = Behavior({
  data: { photos: [], maxPhotos: MAX_PHOTOS, photoNotice: '', photoNoticeKind: '' },
  methods: {
    /** Let the parent pick photos (album or camera) and upload them, three at a time. */
    choosePhotos() {
      const room = MAX_PHOTOS - this.data.photos.length
      if (room <= 0) {
        wx.showToast({ title: '最多上传 ' + MAX_PHOTOS + ' 张图片', icon: 'none' })
        return Promise.resolve([])
      }
      this.setData({ photoNotice: '', photoNoticeKind: '' })
      return new Promise((resolve) => {
        wx.chooseMedia({
          count: room,
          mediaType: ['image'],
          sourceType: ['album', 'camera'],
          sizeType: ['compressed'],
          success: (res) => resolve(this._addFiles(res.tempFiles.slice(0, room))),
          fail: (res) => {
            const { kind, message } = failures.photos(res)
            this.setData({ photoNotice: message, photoNoticeKind: kind })
            resolve([])
          },
        })
      })
    },

    _addFiles(files) {
      return Promise.all(files.map(compressed)).then((paths) => {
        const added = paths.map((path) => ({ key: nextKey++, path, progress: 0, status: 'waiting', id: null, error: '', permanent: false }))
        this.setData({ photos: this.data.photos.concat(added) })
        return this._pump().then(() => added.map((p) => (this.data.photos.find((q) => q.key === p.key) || {}).id || null))
      })
    },

    /** Start waiting uploads while fewer than three run; resolves when none is left. */
    _pump() {
      if (!this._running) this._running = new Set()
      const starts = []
      this.data.photos.forEach((photo) => {
        if (photo.status === 'waiting' && this._running.size < PARALLEL) {
          this._running.add(photo.key)
          starts.push(this._upload(photo.key).then(() => this._running.delete(photo.key)).then(() => this._pump()))
        }
      })
      return Promise.all(starts)
    },

    _updatePhoto(key, changes) {
      const index = this.data.photos.findIndex((p) => p.key === key)
      if (index < 0) return // removed meanwhile
      const update = {}
      Object.keys(changes).forEach((field) => {
        update['photos[' + index + '].' + field] = changes[field]
      })
      this.setData(update)
    },

    _upload(key) {
      const photo = this.data.photos.find((p) => p.key === key)
      if (!photo) return Promise.resolve(null)
      this._updatePhoto(key, { status: 'uploading', progress: 0, error: '' })
      return api
        .uploadPhoto(photo.path, (progress) => this._updatePhoto(key, { progress }))
        .then((body) => this._updatePhoto(key, { status: 'done', progress: 100, id: body.id }))
        .catch((error) => this._updatePhoto(key, { status: 'failed', error: error.message, permanent: error.status >= 400 && error.status < 500 && error.status !== 429 }))
    },

    /** Upload (again) the photo with `key`; resolves with its id or null. */
    uploadPhotoByKey(key) {
      this._updatePhoto(key, { status: 'waiting', error: '' })
      return this._pump().then(() => (this.data.photos.find((p) => p.key === key) || {}).id || null)
    },

    /** The 重试 button of a photo that got no answer. */
    retryPhoto(e) {
      return this.uploadPhotoByKey(Number(e.currentTarget.dataset.key))
    },

    /** The 删除 button of any photo, failed ones included. */
    removePhoto(e) {
      const key = Number(e.currentTarget.dataset.key)
      this.setData({ photos: this.data.photos.filter((p) => p.key !== key) })
    },

    uploadedPhotoIds() {
      return this.data.photos.filter((p) => p.status === 'done').map((p) => p.id)
    },

    /** A message if photos are still uploading, else '' (failed ones are left out). */
    photosNotReady() {
      if (this.data.photos.some((p) => p.status === 'uploading' || p.status === 'waiting')) return '图片正在上传，请稍候'
      return ''
    },

    /** The 去设置 button after a refused camera or album permission. */
    openPhotoSettings() {
      return new Promise((resolve) => wx.openSetting({ complete: resolve })).then(() => this.setData({ photoNotice: '', photoNoticeKind: '' }))
    },

    clearPhotos() {
      this.setData({ photos: [] })
    },
  },
})
