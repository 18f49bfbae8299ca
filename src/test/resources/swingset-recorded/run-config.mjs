// Runs a SwingSet config on the real @agoric/swingset-vat and prints the test log as JSON lines.
// Usage: node run-config.mjs <config.json> <test-log-out> [method-after-bootstrap ...]
// Each extra argument is a method sent to the bootstrap vat's root after bootstrap, in turn,
// or poll:<seconds>, a poll of the timer device (when the config names devices.timer).
import '@endo/init/debug.js';
import fs from 'node:fs';
import path from 'node:path';
import { buildVatController, loadSwingsetConfigFile, buildTimer } from '@agoric/swingset-vat';

const file = path.resolve(process.argv[2]);
const config = await loadSwingsetConfigFile(file);
config.defaultManagerType ||= 'xsnap';
// Prebuilt bundles (bundleSpec) are read here, as SwingSet's host would: no bundling at start.
for (const group of [config.vats, config.bundles]) {
  for (const desc of Object.values(group || {})) {
    if (desc.bundleSpec) {
      desc.bundle = JSON.parse(fs.readFileSync(desc.bundleSpec, 'utf8'));
      delete desc.bundleSpec;
    }
  }
}
const t0 = Date.now();
const timer = buildTimer();
const deviceEndowments = {};
if (config.devices && config.devices.timer) {
  config.devices.timer = { sourceSpec: timer.srcPath };
  deviceEndowments.timer = { ...timer.endowments };
}
const c = await buildVatController(config, [], {}, deviceEndowments);
c.pinVatRoot(config.bootstrap);
const t1 = Date.now();
await c.run();
const ms = Date.now() - t0;
const runMs = Date.now() - t1;
const kpid = c.bootstrapResult;
const status = c.kpStatus(kpid);
const res = c.kpResolution(kpid);
for (const step of process.argv.slice(4)) {
  if (step.startsWith('poll:')) {
    timer.poll(BigInt(step.slice(5)));
  } else {
    c.queueToVatRoot(config.bootstrap, step, []);
  }
  await c.run();
}
fs.writeFileSync(process.argv[3], c.dump().log.map(line => `${line}\n`).join(''));
console.error(`bootstrap ${status} ${JSON.stringify(res)} in ${ms} ms (controller built in ${t1 - t0} ms, run to quiescence ${runMs} ms)`);
await c.shutdown();
