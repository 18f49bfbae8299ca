// Bundles SwingSet's own vats that vatkernel runs unmodified, from the pinned
// @agoric/swingset-vat package: the vatAdmin vat and the timer vat.
//
// Usage: node bundle-kernel-vats.mjs <runtime-dir>
// Writes <runtime-dir>/kernel-bundles/{vat-admin,vat-timer}.bundle (endoZipBase64). The
// sources sit inside their own package, so bundle-source resolves their imports there.
import fs from 'node:fs';
import path from 'node:path';
import '@endo/init';
import bundleSource from '@endo/bundle-source';

const runtime = path.resolve(process.argv[2]);
const swingset = path.join(runtime, 'node_modules/@agoric/swingset-vat/src/vats');
const out = path.join(runtime, 'kernel-bundles');
fs.mkdirSync(out, { recursive: true });

const vats = {
  'vat-admin.bundle': path.join(swingset, 'vat-admin/vat-vat-admin.js'),
  'vat-timer.bundle': path.join(swingset, 'timer/vat-timer.js'),
};
for (const [file, source] of Object.entries(vats)) {
  const bundle = await bundleSource(source, { format: 'endoZipBase64' });
  const tmp = path.join(out, `${file}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(bundle));
  fs.renameSync(tmp, path.join(out, file));
  console.log(`bundled ${source} into ${path.join(out, file)}`);
}
