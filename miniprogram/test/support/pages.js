/**
 * Open pages as WeChat does: render the page component and call its onLoad(options)
 * (options.scene for a 小程序码). Each page is compiled once per test file and rendered
 * afresh for every open.
 */
const path = require('path')
const simulate = require('miniprogram-simulate')

const ROOT = path.resolve(__dirname, '..', '..')
const compiled = {}

function render(page) {
  if (!compiled[page]) compiled[page] = simulate.load(path.join(ROOT, page), { rootPath: ROOT })
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

/** Tap an element (runs its bindtap handler through the rendered WXML). */
function tap(component, selector) {
  const node = component.querySelector(selector)
  if (!node) throw new Error('no element ' + selector)
  node.dispatchEvent('tap')
}

/** The rendered text of an element, or null when it is not shown. */
function text(component, selector) {
  const node = component.querySelector(selector)
  return node ? node.dom.textContent.trim() : null
}

module.exports = { open, render, waitFor, tap, text, ROOT }
