/**
 * What a failed WeChat API call means, told apart by its errMsg, and what the parent can
 * do about it: nothing (cancelled), agree to the privacy notice, switch the permission
 * on in settings (wx.openSetting), fix the phone's own settings, or try again.
 */

/** 'cancel' | 'privacy' | 'denied' | 'system' | 'network' for a `fail` callback's argument. */
function kindOf(res) {
  const message = String((res && res.errMsg) || '')
  if ((res && res.errno === 104) || /privacy permission is not authorized|privacy agreement/.test(message)) return 'privacy'
  if (/fail cancel|:fail:cancel/.test(message)) return 'cancel'
  if (/system permission denied|LOCATIONSWITCHOFF|location service|ERROR_/i.test(message)) return 'system'
  if (/auth deny|auth denied|authorize no response|permission denied/.test(message)) return 'denied'
  if (/timeout|network|interrupted|url not in domain list|ssl|connect/i.test(message)) return 'network'
  return 'system'
}

const LOCATION = {
  privacy: '需要您同意《隐私保护指引》后才能使用位置信息。',
  denied: '您已拒绝使用位置信息。请点击“去设置”，打开“位置信息”后返回。',
  system: '手机定位服务未开启，或微信没有定位权限。请在手机“设置”中开启后重试。',
  network: '定位超时，请到信号较好的地方重试。',
}
const PHOTOS = {
  privacy: '需要您同意《隐私保护指引》后才能选择照片。',
  denied: '您已拒绝使用相机或相册。请点击“去设置”打开权限后重试。',
  system: '无法打开相册或相机，请稍后重试。',
  network: '无法打开相册或相机，请稍后重试。',
}
const ALBUM = {
  privacy: '需要您同意《隐私保护指引》后才能保存图片。',
  denied: '您已拒绝保存到相册。请点击“去设置”打开“添加到相册”后重试。',
  system: '未能保存到相册，请稍后重试。',
  network: '未能保存到相册，请稍后重试。',
}

/** {kind, message} for a failure of the location, photo picker or album APIs. */
function explain(res, table) {
  const kind = kindOf(res)
  return { kind, message: kind === 'cancel' ? '' : table[kind] || table.system }
}

module.exports = {
  kindOf,
  location: (res) => explain(res, LOCATION),
  photos: (res) => explain(res, PHOTOS),
  album: (res) => explain(res, ALBUM),
}
