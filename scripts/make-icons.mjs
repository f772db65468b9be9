// Generates the extension icons (PNG) from a simple vector description: a dark-blue rounded square
// with a white check mark. No image libraries: PNG written with node:zlib. Run: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const crcTable = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function icon(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const ss = 4; // supersampling
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let bg = 0,
        fg = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const u = (x + (sx + 0.5) / ss) / size,
            v = (y + (sy + 0.5) / ss) / size;
          const r = 0.2,
            cx = Math.min(Math.max(u, r), 1 - r),
            cy = Math.min(Math.max(v, r), 1 - r);
          if (Math.hypot(u - cx, v - cy) <= r) {
            bg++;
            const d = Math.min(distToSegment(u, v, 0.25, 0.52, 0.43, 0.7), distToSegment(u, v, 0.43, 0.7, 0.76, 0.32));
            if (d < 0.075) fg++;
          }
        }
      const a = bg / (ss * ss),
        f = bg ? fg / bg : 0;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = Math.round(0x1f * (1 - f) + 255 * f);
      raw[o + 1] = Math.round(0x4e * (1 - f) + 255 * f);
      raw[o + 2] = Math.round(0x79 * (1 - f) + 255 * f);
      raw[o + 3] = Math.round(255 * a);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(new URL('../public/icons/', import.meta.url), { recursive: true });
for (const s of [16, 32, 48, 96, 128]) writeFileSync(new URL(`../public/icons/icon-${s}.png`, import.meta.url), icon(s));
console.log('icons written');
