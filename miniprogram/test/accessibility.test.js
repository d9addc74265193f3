/**
 * Accessibility on the source: every tappable element (bindtap, bindlongpress, a button)
 * has an aria-label, every page follows the phone's font size (page-meta), and the text
 * colours of app.wxss keep a contrast of at least 4.5:1 on their backgrounds.
 */
const fs = require('fs')
const path = require('path')

const ROOT = path.resolve(__dirname, '..')
const WXML = ['pages', 'components'].flatMap((dir) =>
  fs.readdirSync(path.join(ROOT, dir)).flatMap((name) =>
    fs.readdirSync(path.join(ROOT, dir, name)).filter((f) => f.endsWith('.wxml')).map((f) => path.join(dir, name, f))
  )
)

/** Opening tags spanning lines, each as one string. */
function tags(file) {
  return fs.readFileSync(path.join(ROOT, file), 'utf8').match(/<[a-z][^>]*>/gs) || []
}

test.each(WXML)('every tappable element of %s has an aria-label', (file) => {
  const unlabelled = tags(file).filter((tag) => /bindtap|bindlongpress|^<button/.test(tag) && !/aria-label=/.test(tag))
  expect(unlabelled).toEqual([])
})

test.each(WXML.filter((f) => f.startsWith('pages')))('%s follows the system font size', (file) => {
  expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toMatch(/^<page-meta root-font-size="system"/)
})

function luminance(hex) {
  if (hex.length === 4) hex = '#' + hex[1] + hex[1] + hex[2] + hex[2] + hex[3] + hex[3]
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
  const lin = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

test('text colours in app.wxss keep 4.5:1 on their own background, or on white', () => {
  const css = fs.readFileSync(path.join(ROOT, 'app.wxss'), 'utf8')
  const rules = css.match(/[^{}]+\{[^}]*\}/g)
  const low = []
  rules.forEach((rule) => {
    const color = /[^-]color:\s*(#[0-9a-f]{6}|#[0-9a-f]{3})\b/i.exec(rule)
    // Overlays (dark rgba over a photo) and the verdict icon (its .icon-* class paints it)
    // are checked below.
    if (!color || /background:\s*rgba/.test(rule) || rule.includes('.result-icon')) return
    const background = /background:\s*(#[0-9a-f]{6}|#[0-9a-f]{3})\b/i.exec(rule)
    const ratio = contrast(color[1], background ? background[1] : '#ffffff')
    if (ratio < 4.5) low.push(rule.trim().split('{')[0] + ' ' + ratio.toFixed(2))
  })
  expect(low).toEqual([])
  const icons = rules.filter((rule) => /^\s*\.icon-/.test(rule))
  expect(icons.length).toBe(5)
  icons.forEach((rule) => expect(contrast('#ffffff', /background:\s*(#[0-9a-f]{6})/.exec(rule)[1])).toBeGreaterThanOrEqual(4.5))
})
