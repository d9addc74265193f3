/**
 * Start the backend (demo mode, fake WeChat, mongomock) on a free loopback port and put
 * its address in the environment the test files inherit.
 */
const { spawn } = require('child_process')
const path = require('path')

const ROOT = path.resolve(__dirname, '..', '..')
const PYTHON = process.env.MP_TEST_PYTHON || path.resolve(ROOT, '..', '.venv', 'bin', 'python')
const STARTUP_MS = 120000 // a loaded 2-core machine starts the demo county slowly

module.exports = async function globalSetup() {
  const child = spawn(PYTHON, [path.join(__dirname, 'serve_backend.py')], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'], // our end of stdin closing stops it (see the script)
  })
  globalThis.__BACKEND__ = child
  let output = ''
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('backend did not start:\n' + output)), STARTUP_MS)
    const collect = (chunk) => {
      output += chunk
      const match = /^PORT (\d+)$/m.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.on('exit', (code) => reject(new Error('backend exited with ' + code + ':\n' + output)))
  })
  // Keep draining its output so a chatty backend never blocks on a full pipe.
  child.stdout.removeAllListeners('data')
  child.stderr.removeAllListeners('data')
  child.stdout.resume()
  child.stderr.resume()
  process.env.MP_TEST_ORIGIN = 'http://127.0.0.1:' + port
}
