/**
 * WeChat's privacy authorization (base library 2.32.3+): a privacy API called before the
 * parent agreed to the 用户隐私保护指引 waits, and WeChat calls the listener given to
 * wx.onNeedPrivacyAuthorization. We answer with our own popup
 * (components/privacy-popup): 同意 (an open-type="agreePrivacyAuthorization" button),
 * 拒绝, and a link to the full text (wx.openPrivacyContract).
 *
 * Every page that calls a privacy API holds a popup. Every attached popup shows (the page
 * on screen is the one the parent sees) and all hide at the parent's answer, so a page
 * further down the stack never keeps a stale popup. The listener is installed once per
 * `wx` (app.js, and again by any popup if the base library was reset, as in tests).
 */
const popups = [] // attached popups
let installedOn = null
let waiting = null // {resolve, referrer}: the privacy API waiting for the parent

function onNeed(resolve, info) {
  waiting = { resolve, referrer: (info && info.referrer) || '' }
  if (!popups.length) {
    waiting = null
    return resolve({ event: 'disagree' }) // no page to ask on: the API fails, the page says so
  }
  resolve({ event: 'exposureAuthorization' })
  return popups.forEach((popup) => popup.show(waiting.referrer))
}

/** Listen for WeChat's request to show the privacy popup (idempotent). */
function install() {
  if (typeof wx === 'undefined' || !wx.onNeedPrivacyAuthorization) return
  if (installedOn === wx.onNeedPrivacyAuthorization) return
  installedOn = wx.onNeedPrivacyAuthorization
  wx.onNeedPrivacyAuthorization(onNeed)
}

/** A popup is on screen (its page is shown). */
function attach(popup) {
  install()
  popups.push(popup)
}

function detach(popup) {
  const index = popups.indexOf(popup)
  if (index >= 0) popups.splice(index, 1)
}

/** The parent's answer: 'agree' (with the agree button's id) or 'disagree'. */
function answer(event, buttonId) {
  const current = waiting
  waiting = null
  popups.forEach((popup) => popup.hide())
  if (current) current.resolve(event === 'agree' ? { event, buttonId } : { event: 'disagree' })
}

module.exports = { install, attach, detach, answer }
