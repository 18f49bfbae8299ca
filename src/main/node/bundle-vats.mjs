// Bundles every vat source (*.js) directly inside a source directory into
// <name>.bundle files (endoZipBase64, the format SwingSet's bundleSpec takes).
//
// Usage: node bundle-vats.mjs <source-dir> <output-dir>
//        node bundle-vats.mjs --one <source.js> <output.bundle>
//
// bundle-source resolves a vat's imports (@endo/far, @agoric/vat-data) from the package
// around the entry file. Vat sources live elsewhere in the repo (or in an operator's
// config directory), so each is staged next to this script, inside the runtime's own
// package, whose package.json declares those libraries. A bundle is rebuilt only when its
// source is newer.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import '@endo/init';
import bundleSource from '@endo/bundle-source';

const here = path.dirname(fileURLToPath(import.meta.url));

async function bundleOne(source, output) {
  const srcDir = path.dirname(path.resolve(source));
  const stage = fs.mkdtempSync(path.join(here, 'stage-'));
  try {
    // Copy the entry's directory so that relative imports between vat files still resolve.
    fs.cpSync(srcDir, stage, {
      recursive: true,
      filter: p => !p.includes(`${path.sep}node_modules`),
    });
    const bundle = await bundleSource(path.join(stage, path.basename(source)));
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(`${output}.tmp`, JSON.stringify(bundle));
    fs.renameSync(`${output}.tmp`, output);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

const [, , first, second, third] = process.argv;
if (first === '--one') {
  await bundleOne(second, third);
} else {
  const srcDir = first;
  const outDir = second;
  const newestSource = fs
    .readdirSync(srcDir)
    .map(f => fs.statSync(path.join(srcDir, f)).mtimeMs)
    .reduce((a, b) => Math.max(a, b), 0);
  for (const file of fs.readdirSync(srcDir).sort()) {
    if (!file.endsWith('.js')) continue;
    const output = path.join(outDir, file.replace(/\.js$/, '.bundle'));
    // A vat may import a sibling file, so any change in the directory rebuilds it.
    if (fs.existsSync(output) && fs.statSync(output).mtimeMs >= newestSource) continue;
    await bundleOne(path.join(srcDir, file), output);
    console.log(`bundled ${file}`);
  }
}
