/**
 * Screens as a parent sees them, without WeChat DevTools: each page state a test reaches
 * is written as one HTML file (the page's rendered WXML with its compiled WXSS, a
 * navigation bar and, on tab pages, the tab bar) to test-output/miniprogram/html/;
 * render-screens.js then shoots each at 375 px wide (750 rpx = 375 px) to PNG.
 *
 * miniprogram-simulate renders built-in components as empty shells; `registerBuiltins`
 * gives the ones that show something (input, textarea, image, switch, button, map) a
 * template that shows it, so placeholders, photos, switches and markers are in the shot.
 * Call it before any page is compiled.
 */
const fs = require('fs')
const path = require('path')
const jComponent = require('j-component')
const { send } = require('./http')

const ROOT = path.resolve(__dirname, '..', '..')
const { OUT } = require('./screen-list')
const APP = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8'))
const TAGS = ['view', 'text', 'image', 'button', 'input', 'textarea', 'switch', 'picker', 'map', 'icon', 'navigator', 'scroll-view', 'page-meta']

const BUILTINS = {
  input: ['<span class="ph" wx:if="{{!value}}">{{placeholder}}</span>{{value}}', { value: String, placeholder: String }],
  textarea: ['<span class="ph" wx:if="{{!value}}">{{placeholder}}</span>{{value}}', { value: String, placeholder: String }],
  image: ['<img class="img" data-src="{{src}}" />', { src: String, mode: String }],
  switch: ['<span class="sw {{checked ? \'on\' : \'\'}}" style="{{checked ? \'background:\' + color : \'\'}}"><span class="knob"></span></span>', { checked: Boolean, color: String }],
  button: ['<span class="btn-host {{size}}"><slot/></span>', { size: String, loading: Boolean, disabled: Boolean }],
  map: [
    '<span class="map-grid"></span>' +
      '<img wx:for="{{markers}}" wx:key="id" class="map-marker" data-src="{{item.iconPath}}" ' +
      'style="left: {{351 + (item.longitude - longitude) * 9000 - 28}}px; top: {{280 - (item.latitude - latitude) * 9000 - 72}}px" />' +
      '<span class="map-me" wx:if="{{showLocation}}"></span>' +
      '<span class="map-caption">地图 · 中心 {{latitude}}, {{longitude}}</span>',
    { latitude: Number, longitude: Number, markers: Array, showLocation: Boolean },
  ],
  'page-meta': ['<slot/>', { rootFontSize: String }],
}

/** Templates for the built-ins that show something (before pages are compiled). */
function registerBuiltins() {
  Object.keys(BUILTINS).forEach((name) => {
    const [template, types] = BUILTINS[name]
    const properties = {}
    Object.keys(types).forEach((key) => {
      properties[key] = { type: types[key] }
    })
    jComponent.register({ id: name, tagName: 'wx-' + name, template, properties })
  })
}

/** `n`px written at twice the size (simulate turns rpx into px one to one) made real. */
function halvePx(text) {
  return text.replace(/(-?\d*\.?\d+)px/g, (m, n) => Number(n) / 2 + 'px')
}

/** WXSS as the browser reads it at 375 px: 750 rpx = 375 px. */
function compileWxss(text) {
  const tags = new RegExp('(^|[\\s,>+~(])(' + TAGS.join('|') + ')(?=$|[\\s,:.>\\[)])', 'g')
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/([^{}]+)\{([^}]*)\}/g, (rule, selector, body) => {
      const fixed = selector.replace(/(^|[\s,])page(?=$|[\s,:.{])/g, '$1.wx-page').replace(tags, '$1wx-$2')
      return fixed + '{' + body.replace(/(-?\d*\.?\d+)rpx/g, (m, n) => Number(n) / 2 + 'px') + '}'
    })
}

function readWxss(file) {
  return fs.existsSync(file) ? compileWxss(fs.readFileSync(file, 'utf8')) : ''
}

async function dataUri(src) {
  if (!src) return ''
  try {
    if (/^https?:/.test(src)) {
      const res = await send(src)
      return 'data:image/jpeg;base64,' + res.body.toString('base64')
    }
    const file = src.startsWith('/') && !fs.existsSync(src) ? path.join(ROOT, src) : src
    const type = file.endsWith('.png') ? 'image/png' : 'image/jpeg'
    return 'data:' + type + ';base64,' + fs.readFileSync(file).toString('base64')
  } catch (e) {
    return ''
  }
}

/** The page's markup: class prefixes of style isolation dropped, images inlined. */
async function markup(component) {
  let html = component.dom.outerHTML
    .replace(/class="([^"]*)"/g, (m, names) => 'class="' + names.replace(/[\w-]+--/g, '') + '"')
    .replace(/style="([^"]*)"/g, (m, style) => 'style="' + halvePx(style) + '"')
  const sources = [...new Set([...html.matchAll(/data-src="([^"]*)"/g)].map((m) => m[1]))]
  for (const src of sources) {
    const uri = await dataUri(src.replace(/&amp;/g, '&'))
    html = html.split('data-src="' + src + '"').join('src="' + uri + '"')
  }
  return html
}

function tabBar(pagePath) {
  const tab = APP.tabBar
  const items = tab.list.map((item) => {
    const on = item.pagePath === pagePath
    const icon = fs.readFileSync(path.join(ROOT, on ? item.selectedIconPath : item.iconPath)).toString('base64')
    return '<div class="tab' + (on ? ' on' : '') + '"><img src="data:image/png;base64,' + icon + '"/><div>' + item.text + '</div></div>'
  })
  return '<div class="tabbar">' + items.join('') + '</div>'
}

/** Write one screen: `name`.html with the page's state as rendered now. */
async function snapshot(component, name, pagePath) {
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, pagePath + '.json'), 'utf8'))
  const title = json.navigationBarTitleText || APP.window.navigationBarTitleText
  const isTab = APP.tabBar.list.some((item) => item.pagePath === pagePath)
  const css = [
    halvePx(fs.readFileSync(path.join(__dirname, 'screens.css'), 'utf8')),
    readWxss(path.join(ROOT, 'app.wxss')),
    readWxss(path.join(ROOT, pagePath + '.wxss')),
    readWxss(path.join(ROOT, 'components/privacy-popup/index.wxss')),
  ].join('\n')
  const body =
    '<div class="statusbar"></div><div class="navbar">' + title + '</div>' +
    '<div class="wx-page">' + (await markup(component)) + '</div>' + (isTab ? tabBar(pagePath) : '')
  const html = '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>' + css + '</style></head><body>' + body + '</body></html>'
  fs.mkdirSync(path.join(OUT, 'html'), { recursive: true })
  fs.writeFileSync(path.join(OUT, 'html', name + '.html'), html)
}

module.exports = { registerBuiltins, snapshot, OUT }
