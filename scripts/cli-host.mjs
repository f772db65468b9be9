/**
 * The Node side of the CLI bundles' CliHost (src/cli/host.ts): file reading and output. Plain Node,
 * shared by scripts/cli.mjs (the repository's `npm run verify`) and the installed
 * `pypi-provenance` bin (copied into the package by scripts/build-cli-package.mjs).
 */
import { open, readFile } from 'node:fs/promises';

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

export function createNodeHost(out = process.stdout, err = process.stderr) {
  return {
    readFile: async (path) => new Uint8Array(await readFile(path)),
    readFileCapped,
    stdout: (text) => out.write(text),
    stderr: (text) => err.write(text),
  };
}
