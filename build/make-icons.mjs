/**
 * Draws the app icon (build/icon.svg's shapes) into PNGs without any image tool: build/icon.png (512 px, Windows
 * and the window) and build/icons/<n>x<n>.png (Linux). Run `node build/make-icons.mjs` after changing the shapes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const dir = fileURLToPath(new URL('.', import.meta.url));
// [x, y, width, height, radius, rgb] on a 512 grid, drawn in order; the same shapes as icon.svg.
const SHAPES = [
  [16, 16, 480, 480, 96, [0x1f, 0x4e, 0x79]],
  [120, 96, 272, 200, 20, [0xff, 0xff, 0xff]],
  [144, 120, 224, 120, 8, [0x75, 0xaa, 0xdb]],
  [96, 320, 320, 96, 20, [0xff, 0xff, 0xff]],
  [128, 344, 56, 16, 4, [0x1f, 0x4e, 0x79]],
  [200, 344, 56, 16, 4, [0x1f, 0x4e, 0x79]],
  [272, 344, 112, 48, 6, [0xf6, 0xb4, 0x0e]],
  [128, 376, 128, 16, 4, [0x1f, 0x4e, 0x79]],
];

function inside([x, y, w, h, r], px, py) {
  if (px < x || py < y || px > x + w || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

function render(size) {
  const samples = 4;
  const pixels = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row++) {
    pixels[row * (size * 4 + 1)] = 0; // PNG filter: none
    for (let col = 0; col < size; col++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = ((col + (sx + 0.5) / samples) * 512) / size;
          const py = ((row + (sy + 0.5) / samples) * 512) / size;
          const shape = SHAPES.findLast((s) => inside(s, px, py));
          if (shape) {
            r += shape[5][0];
            g += shape[5][1];
            b += shape[5][2];
            a += 255;
          }
        }
      }
      const n = samples * samples;
      const covered = a / 255;
      const at = row * (size * 4 + 1) + 1 + col * 4;
      pixels[at] = covered ? Math.round(r / covered) : 0;
      pixels[at + 1] = covered ? Math.round(g / covered) : 0;
      pixels[at + 2] = covered ? Math.round(b / covered) : 0;
      pixels[at + 3] = Math.round(a / n);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(render(size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(path.join(dir, 'icons'), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) {
  writeFileSync(path.join(dir, 'icons', `${size}x${size}.png`), png(size));
}
writeFileSync(path.join(dir, 'icon.png'), png(512));
process.stdout.write('icons written to build/icon.png and build/icons/\n');
