/**
 * The Node side of the CLI bundles' CliHost (src/cli/host.ts): file reading and output. Plain Node,
 * shared by scripts/cli.mjs (the repository's `npm run verify`) and the installed
 * `pypi-provenance` bin (copied into the package by scripts/build-cli-package.mjs).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Read at most maxBytes + 1 bytes: a regular file's size is checked first, a pipe is read in chunks. */
export async function readFileCapped(path, maxBytes) {
  const fh = await open(path, 'r');
  try {
    const st = await fh.stat();
    if (st.isFile() && st.size > maxBytes) return { tooLarge: true, size: st.size };
    const buf = new Uint8Array(maxBytes + 1);
    let total = 0;
    while (total < buf.length) {
      const { bytesRead } = await fh.read(buf, total, buf.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > maxBytes) return { tooLarge: true, size: st.isFile() ? st.size : null };
    return { tooLarge: false, bytes: buf.subarray(0, total) };
  } finally {
    await fh.close();
  }
}

export async function hashFile(path) {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

async function writeFileAtomic(path, text) {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await rename(tmp, path);
}

/** `out`/`err`: anything with write(text) (process streams, or a test's collector). */
export function createNodeHost(out = process.stdout, err = process.stderr) {
  return {
    readFile: async (path) => new Uint8Array(await readFile(path)),
    readFileCapped,
    hashFile,
    writeFile: writeFileAtomic,
    env: (name) => process.env[name],
    resolvePath: (...parts) => resolve(...parts),
    stderrIsTTY: err.isTTY === true,
    stdout: (text) => out.write(text),
    stderr: (text) => err.write(text),
  };
}
