/** Stop the backend globalSetup started (by its own process id only). */
module.exports = async function globalTeardown() {
  const child = globalThis.__BACKEND__
  if (!child || child.exitCode !== null) return
  await new Promise((resolve) => {
    child.on('exit', resolve)
    child.stdin.end()
    child.kill('SIGTERM')
    setTimeout(() => {
      if (child.exitCode === null) child.kill('SIGKILL')
      resolve()
    }, 5000).unref()
  })
}
