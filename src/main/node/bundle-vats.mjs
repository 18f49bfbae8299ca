// Bundles every vat source (*.js) directly inside a source directory into
// <name>.bundle files (endoZipBase64, the format SwingSet's bundleSpec takes).
//
// Usage: node bundle-vats.mjs <source-dir> <output-dir>
//        node bundle-vats.mjs --one <source.js> <output.bundle>
//        node bundle-vats.mjs --many <source.js> <output.bundle> [<source.js> <output.bundle> …]
//
// bundle-source resolves a vat's imports (@endo/far, @agoric/vat-data) from the package
// around the entry file. Vat sources live elsewhere in the repo (or in an operator's
// config directory), so each is staged next to this script, inside the runtime's own
// package, whose package.json declares those libraries. A bundle is rebuilt only when its
// source is newer.
//
// Reproducibility: the staging folder's path relative to the package is written into the
// bundle's compartment-map.json (as the entry module, "./vat-source/<file>"), so it must not
// depend on chance, on the machine or on the working directory: it has one fixed name, and
// bundlings take turns through a lock. Nothing else of the source's location enters the
// bundle (bundle-source records paths relative to the package, and its zip has no times),
// so the same source files give the same bundle, and the same bundle id, on every node.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import '@endo/init';
import bundleSource from '@endo/bundle-source';

const here = path.dirname(fileURLToPath(import.meta.url));
const STAGE = path.join(here, 'vat-source');
const LOCK = path.join(here, 'vat-source.lock');
// A lock left by a bundler that was killed before it wrote its pid: taken over after this.
const ORPHAN_LOCK_MS = 30_000;

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Whether the lock's holder is gone (killed mid-bundling): then it may be taken over. */
function lockIsStale() {
  try {
    const pid = Number(fs.readFileSync(path.join(LOCK, 'pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 && !alive(pid);
  } catch {
    try {
      return Date.now() - fs.statSync(LOCK).mtimeMs > ORPHAN_LOCK_MS;
    } catch {
      return false; // released meanwhile
    }
  }
}

async function withStageLock(work) {
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    if (lockIsStale()) {
      fs.rmSync(LOCK, { recursive: true, force: true });
      continue;
    }
    await sleep(50);
  }
  fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
  try {
    return await work();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

async function bundleOne(source, output) {
  const srcDir = path.dirname(path.resolve(source));
  const bundle = await withStageLock(async () => {
    // A stage left by a killed bundler is stale: start from an empty one.
    fs.rmSync(STAGE, { recursive: true, force: true });
    try {
      // Copy the entry's directory so that relative imports between vat files still resolve.
      fs.cpSync(srcDir, STAGE, {
        recursive: true,
        filter: p => !p.includes(`${path.sep}node_modules`),
      });
      return await bundleSource(path.join(STAGE, path.basename(source)));
    } finally {
      fs.rmSync(STAGE, { recursive: true, force: true });
    }
  });
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(`${output}.tmp`, JSON.stringify(bundle));
  fs.renameSync(`${output}.tmp`, output);
}

const [, , first, second, third] = process.argv;
if (first === '--one') {
  await bundleOne(second, third);
} else if (first === '--many') {
  // Pairs of <source.js> <output.bundle>: one Node start-up and one bundle-source load for a
  // whole config. The first failure names its source and ends the run.
  const pairs = process.argv.slice(3);
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    try {
      await bundleOne(pairs[i], pairs[i + 1]);
    } catch (e) {
      console.error(`bundling ${pairs[i]} failed: ${e && e.message ? e.message : e}`);
      process.exit(1);
    }
  }
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
