// Writes precompressed copies (.gz and .br) next to every text asset of a build, so
// that `videopro serve` can send them as-is to browsers that accept the encoding.
// Usage: node scripts/compress.mjs <dist-dir>
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT_EXTENSIONS = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt', '.map', '.webmanifest']);
// Below this size the encoding headers cost more than compression saves.
const MIN_BYTES = 256;

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

function compress(data) {
  return {
    gz: gzipSync(data, { level: 9 }),
    br: brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  };
}

async function main() {
  const root = process.argv[2];
  if (!root) throw new Error('usage: node scripts/compress.mjs <dist-dir>');
  if (!(await stat(root)).isDirectory()) throw new Error(`${root} is not a directory; run vite build first`);
  let files = 0;
  let before = 0;
  let after = 0;
  for await (const path of walk(root)) {
    if (!TEXT_EXTENSIONS.has(extname(path))) continue;
    const data = await readFile(path);
    if (data.length < MIN_BYTES) continue;
    const { gz, br } = compress(data);
    // A copy that is not smaller is useless; the server falls back to the original.
    if (gz.length < data.length) await writeFile(`${path}.gz`, gz);
    if (br.length < data.length) await writeFile(`${path}.br`, br);
    files += 1;
    before += data.length;
    after += br.length;
    process.stdout.write(`compressed ${relative(root, path)}: ${data.length} -> gz ${gz.length}, br ${br.length}\n`);
  }
  process.stdout.write(`precompressed ${files} files (${before} bytes -> ${after} bytes with brotli)\n`);
}

main().catch((err) => {
  process.stderr.write(`compress: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
