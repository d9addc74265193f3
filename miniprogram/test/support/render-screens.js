/**
 * Shoot each screen the tests wrote (test-output/miniprogram/html/*.html) to a PNG beside
 * it, at 375 px wide and twice the density, with Debian's Chromium (CJK fonts: make
 * browser-deps). Run by `npm test` after jest; fails if a listed screen is missing.
 */
const fs = require('fs')
const path = require('path')
const { chromium } = require('playwright-core')
const { OUT, EXPECTED } = require('./screen-list')

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']

async function main() {
  const folder = path.join(OUT, 'html')
  const written = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.html')) : []
  const missing = EXPECTED.filter((name) => !written.includes(name + '.html'))
  if (missing.length) throw new Error('screens not written by the tests: ' + missing.join(', '))
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
  try {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 })
    for (const file of written) {
      await page.goto('file://' + path.join(folder, file))
      await page.waitForLoadState('load')
      await page.screenshot({ path: path.join(OUT, file.replace(/\.html$/, '.png')), fullPage: true })
    }
    console.log('screens: ' + written.length + ' PNGs in ' + path.relative(process.cwd(), OUT))
  } finally {
    await browser.close()
  }
}

main().catch((error) => {
  console.error(error.message)
  process.exit(1)
})
