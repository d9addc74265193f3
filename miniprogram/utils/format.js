/**
 * Display helpers: the server sends ISO 8601 times with the +08:00 offset.
 */

function pad(n) {
  return n < 10 ? '0' + n : String(n)
}

/** "2026-06-09T10:07:00+08:00" -> "2026-06-09 10:07" (Shanghai time as sent). */
function shortTime(iso) {
  if (!iso) return ''
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso)
  return match ? match[1] + ' ' + match[2] : iso
}

/** "2026-06-09T10:07:00+08:00" -> "2026-06-09". */
function day(iso) {
  return shortTime(iso).slice(0, 10)
}

/** A distance in metres as "850 米" or "2.3 公里". */
function distance(metres) {
  if (metres === undefined || metres === null) return ''
  return metres < 1000 ? Math.round(metres) + ' 米' : (metres / 1000).toFixed(1) + ' 公里'
}

/** Today's date in Shanghai as "YYYY-MM-DD" (the picker's upper bound). */
function today(now = new Date()) {
  const shanghai = new Date(now.getTime() + (now.getTimezoneOffset() + 480) * 60000)
  return shanghai.getFullYear() + '-' + pad(shanghai.getMonth() + 1) + '-' + pad(shanghai.getDate())
}

/** The picker's date and time as ISO 8601 in Shanghai time, or undefined without a date. */
function occurredAt(date, time) {
  if (!date) return undefined
  return date + 'T' + (time || '00:00') + ':00+08:00'
}

module.exports = { shortTime, day, distance, today, occurredAt }
