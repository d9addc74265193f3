/**
 * A small HTTP client on Node's http module (jsdom's window has no fetch): what the wx
 * shim and the staff helpers send their requests with.
 */
const http = require('http')
const { Buffer } = require('buffer')

/**
 * Send one request; resolves `{status, headers, body: Buffer}`. `onWrite(sent, total)`
 * follows the body as it is written, in chunks.
 */
function send(url, { method = 'GET', headers = {}, body = null, timeout = 15000, onWrite = null } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === null ? null : Buffer.isBuffer(body) ? body : Buffer.from(body)
    const allHeaders = Object.assign({}, headers)
    if (payload) allHeaders['Content-Length'] = payload.length
    const req = http.request(url, { method, headers: allHeaders, timeout }, (res) => {
      const chunks = []
      res.on('data', (chunk) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    if (!payload) return req.end()
    const step = 16 * 1024
    let sent = 0
    const writeNext = () => {
      while (sent < payload.length) {
        const chunk = payload.subarray(sent, sent + step)
        sent += chunk.length
        const more = req.write(chunk)
        if (onWrite) onWrite(sent, payload.length)
        if (!more) return req.once('drain', writeNext)
      }
      req.end()
    }
    writeNext()
  })
}

/** A multipart/form-data body with one file field (and text fields). */
function multipart(fieldName, fileName, fileBytes, fields = {}) {
  const boundary = '----sj' + Math.random().toString(16).slice(2)
  const parts = []
  Object.keys(fields).forEach((key) => {
    parts.push(Buffer.from('--' + boundary + '\r\nContent-Disposition: form-data; name="' + key + '"\r\n\r\n' + fields[key] + '\r\n'))
  })
  parts.push(
    Buffer.from(
      '--' + boundary + '\r\nContent-Disposition: form-data; name="' + fieldName + '"; filename="' + fileName +
        '"\r\nContent-Type: application/octet-stream\r\n\r\n'
    )
  )
  parts.push(fileBytes)
  parts.push(Buffer.from('\r\n--' + boundary + '--\r\n'))
  return { body: Buffer.concat(parts), contentType: 'multipart/form-data; boundary=' + boundary }
}

/** JSON request helper for the tests' own calls (staff API): resolves `{status, body}`. */
async function json(url, { method = 'GET', token = null, body = undefined, headers = {} } = {}) {
  const allHeaders = Object.assign({ Accept: 'application/json' }, headers)
  if (token) allHeaders.Authorization = 'Bearer ' + token
  let payload = null
  if (body !== undefined) {
    allHeaders['Content-Type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  const res = await send(url, { method, headers: allHeaders, body: payload })
  const text = res.body.toString('utf8')
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers }
}

module.exports = { send, multipart, json }
