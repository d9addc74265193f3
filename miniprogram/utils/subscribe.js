/**
 * Subscribe messages: WeChat shows the prompt only inside a tap, and each acceptance lets
 * the server send one message. So the report form asks after its own checks pass, and the
 * complaint page asks again (接收办理结果提醒), or a parent whose one message went on
 * 已受理 would never hear of 办结.
 */
const backend = require('./backend')

const SUBSCRIBE_MAX = 3 // WeChat asks for at most 3 templates at a time

/** Ask for `templateIds` (call synchronously inside a tap); resolves with those accepted. */
function askToSubscribe(templateIds) {
  const ids = (templateIds || []).slice(0, SUBSCRIBE_MAX)
  if (!ids.length || !wx.requestSubscribeMessage) return Promise.resolve([])
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: ids,
      success: (res) => resolve(ids.filter((id) => res[id] === 'accept')),
      fail: () => resolve([]),
    })
  }).then((accepted) => (accepted.length ? backend.subscribe(accepted).then(() => accepted, () => accepted) : accepted))
}

module.exports = { askToSubscribe, SUBSCRIBE_MAX }
