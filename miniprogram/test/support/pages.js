/**
 * Open pages as WeChat does: render the page component and call its onLoad(options)
 * (options.scene for a 小程序码). Each page is compiled once per test file and rendered
 * afresh for every open.
 */
const path = require('path')
const simulate = require('miniprogram-simulate')

const ROOT = path.resolve(__dirname, '..', '..')
const compiled = {}
let shared = null

/**
 * Components several pages use are compiled once and handed to each page: simulate
 * re-runs a component's JS per load, which jest's module cache would silently skip.
 */
function sharedComponents() {
  if (!shared) shared = { 'privacy-popup': simulate.load(path.join(ROOT, 'components/privacy-popup/index'), { rootPath: ROOT }) }
  return shared
}

function render(page) {
  if (!compiled[page]) compiled[page] = simulate.load(path.join(ROOT, page), { rootPath: ROOT, usingComponents: sharedComponents() })
  const component = simulate.render(compiled[page])
  component.attach(document.createElement('parent-wrapper'))
  return component
}

/** Render `page` (e.g. "pages/home/index") and run its onLoad; resolves the component. */
async function open(page, options = {}) {
  const component = render(page)
  await component.instance.onLoad(options)
  return component
}

/** Wait until `predicate()` is truthy (polling), or fail saying what was awaited. */
async function waitFor(predicate, what = 'condition', timeout = 15000) {
  const deadline = Date.now() + timeout
  for (;;) {
    const value = predicate()
    if (value) return value
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Tap an element (runs its bindtap handler through the rendered WXML), as a user gesture. */
function tap(component, selector) {
  const node = component.querySelector(selector)
  if (!node) throw new Error('no element ' + selector)
  shim.inTap = true
  try {
    node.dispatchEvent('tap')
  } finally {
    shim.inTap = false
  }
}

/**
 * Run a page method as its tap handler would (a user gesture while it runs synchronously,
 * as WeChat counts one), returning what it returns so the test can await it.
 */
function tapCall(component, method, event = {}) {
  shim.inTap = true
  try {
    return component.instance[method](Object.assign({ currentTarget: { dataset: {} }, detail: {} }, event))
  } finally {
    shim.inTap = false
  }
}

/** The privacy popup of a page, once shown (ids may repeat across rendered pages). */
function privacyPopup(component) {
  const popups = component.querySelectorAll('#privacy-popup')
  return popups.find((popup) => popup && popup.data && popup.data.shown) || null
}

/** The parent taps 同意 in the page's privacy popup (the open-type button's event). */
function agreePrivacy(component) {
  const popup = privacyPopup(component)
  if (!popup) throw new Error('no privacy popup shown')
  const button = popup.querySelector('#agree-btn')
  shim.privacy.tappedButtons.add('agree-btn')
  button.dispatchEvent('agreeprivacyauthorization')
}

/** The rendered text of an element, or null when it is not shown. */
function text(component, selector) {
  const node = component.querySelector(selector)
  return node ? node.dom.textContent.trim() : null
}

module.exports = { open, render, waitFor, tap, tapCall, text, privacyPopup, agreePrivacy, ROOT }
