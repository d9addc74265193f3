/**
 * Real JPEG files for the photo picker, drawn by Pillow in the backend's Python (the same
 * library the server decodes them with), each a different colour so each is its own photo.
 */
const { execFileSync } = require('child_process')
const fs = require('fs')
const os = require('os')
const path = require('path')

const PYTHON = process.env.MP_TEST_PYTHON || path.resolve(__dirname, '..', '..', '..', '.venv', 'bin', 'python')
const DRAW = `
import sys
from PIL import Image, ImageDraw
folder, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(count):
    image = Image.new("RGB", (640, 480), ((seed * 37 + i * 60) % 256, (i * 90) % 256, 120))
    ImageDraw.Draw(image).rectangle((40, 40, 200, 160), fill=(255, 255, 255))
    image.save(f"{folder}/photo-{i}.jpg", "JPEG", quality=85)
`
let seed = Date.now() % 1000

/** Write `count` distinct JPEG photos to a temporary folder; their paths. */
function jpegs(count) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-photos-'))
  seed += 1
  execFileSync(PYTHON, ['-c', DRAW, folder, String(count), String(seed)])
  return Array.from({ length: count }, (_, i) => path.join(folder, 'photo-' + i + '.jpg'))
}

module.exports = { jpegs }
