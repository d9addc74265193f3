/**
 * Up to 9 photos picked with wx.chooseMedia and uploaded one by one with wx.uploadFile,
 * each with its progress, its error (the server's message) and a retry. Shared by the
 * report form and the supplement form; `uploadedPhotoIds()` gives what to submit.
 */
const api = require('../utils/api')

const MAX_PHOTOS = 9
let nextKey = 1

module.exports = Behavior({
  data: { photos: [], maxPhotos: MAX_PHOTOS },
  methods: {
    /** Let the parent pick photos (album or camera) and start uploading each. */
    choosePhotos() {
      const room = MAX_PHOTOS - this.data.photos.length
      if (room <= 0) {
        wx.showToast({ title: '最多上传 ' + MAX_PHOTOS + ' 张图片', icon: 'none' })
        return Promise.resolve([])
      }
      return new Promise((resolve) => {
        wx.chooseMedia({
          count: room,
          mediaType: ['image'],
          sourceType: ['album', 'camera'],
          sizeType: ['compressed'],
          success: (res) => resolve(Promise.all(res.tempFiles.slice(0, room).map((f) => this.addPhoto(f.tempFilePath)))),
          fail: () => resolve([]), // the parent cancelled
        })
      })
    },

    /** Add one picked file and upload it. */
    addPhoto(path) {
      const key = nextKey++
      const photos = this.data.photos.concat([{ key, path, progress: 0, status: 'uploading', id: null, error: '' }])
      this.setData({ photos })
      return this.uploadPhotoByKey(key)
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

    /** Upload (or upload again) the photo with `key`. */
    uploadPhotoByKey(key) {
      const photo = this.data.photos.find((p) => p.key === key)
      if (!photo) return Promise.resolve(null)
      this._updatePhoto(key, { status: 'uploading', progress: 0, error: '' })
      return api
        .uploadPhoto(photo.path, (progress) => this._updatePhoto(key, { progress }))
        .then((body) => {
          this._updatePhoto(key, { status: 'done', progress: 100, id: body.id })
          return body.id
        })
        .catch((error) => {
          this._updatePhoto(key, { status: 'failed', error: error.message })
          return null
        })
    },

    /** The 重试 button of a failed photo. */
    retryPhoto(e) {
      return this.uploadPhotoByKey(Number(e.currentTarget.dataset.key))
    },

    /** The 删除 button of a photo. */
    removePhoto(e) {
      const key = Number(e.currentTarget.dataset.key)
      this.setData({ photos: this.data.photos.filter((p) => p.key !== key) })
    },

    uploadedPhotoIds() {
      return this.data.photos.filter((p) => p.status === 'done').map((p) => p.id)
    },

    /** A message if the photos are not ready to submit, else ''. */
    photosNotReady() {
      if (this.data.photos.some((p) => p.status === 'uploading')) return '图片正在上传，请稍候'
      if (this.data.photos.some((p) => p.status === 'failed')) return '有图片上传失败，请重试或删除后再提交'
      return ''
    },

    clearPhotos() {
      this.setData({ photos: [] })
    },
  },
})
