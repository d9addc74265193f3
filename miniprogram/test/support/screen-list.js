/** The page states the screens test must write, one PNG each (see screens.test.js). */
const path = require('path')

const OUT = path.resolve(__dirname, '..', '..', '..', 'test-output', 'miniprogram')
const EXPECTED = [
  'home-verdict-whitelist',
  'home-verdict-blacklist',
  'home-verdict-revoked',
  'home-verdict-suspended',
  'home-verdict-pending',
  'home-verdict-not_listed',
  'search-results',
  'search-empty',
  'nearby-located',
  'nearby-refused',
  'institution-whitelist',
  'institution-blacklist',
  'report-empty',
  'report-errors',
  'report-failed-photo',
  'complaints-mine',
  'complaint-submitted',
  'complaint-in_progress',
  'complaint-need_info',
  'complaint-resolved',
  'complaint-closed',
  'complaint-rejected',
  'about',
  'privacy-popup',
]

module.exports = { OUT, EXPECTED }
