import { E, Far } from '@endo/far';

// Bootstrap of UpgradeIntegrationTests: creates a vat from version 1, gives it state, and
// upgrades it: twice to versions that fail, once to version 2.
export function buildRootObject(vatPowers) {
  const log = vatPowers.testLog;
  const show = e =>
    e && e.message !== undefined ? `Error: ${e.message}` : JSON.stringify(e);
  async function outcome(p) {
    try {
      return `ok ${JSON.stringify(await p)}`;
    } catch (e) {
      return `rejected ${show(e)}`;
    }
  }
  return Far('root', {
    async bootstrap(vats, devices) {
      const svc = await E(vats.vatAdmin).createVatAdminService(devices.vatAdmin);
      const cap = name => E(svc).getNamedBundleCap(name);
      const { root, adminNode } = await E(svc).createVat(await cap('v1'), {
        name: 'upgraded',
        vatParameters: { version: 'one' },
      });
      log(await E(root).version());
      await E(root).increment();
      log(`count ${await E(root).increment()}`);
      const thing = await E(root).makeThing('a');
      log(await E(thing).describe());
      const eph = await E(root).ephemeral();
      log(`ephemeral ${await E(eph).ping()}`);
      const pendingP = E(root).pending();

      for (const name of ['v2-forgets-kind', 'v2-throws']) {
        log(`upgrade to ${name}: ${await outcome(E(adminNode).upgrade(await cap(name), { vatParameters: { version: name } }))}`);
        log(`still ${await E(root).version()}, count ${await E(root).increment()}`);
      }
      log(`bad option: ${await outcome(E(adminNode).upgrade(await cap('v2'), { colour: 'blue' }))}`);

      const upgraded = E(adminNode).upgrade(await cap('v2'), {
        vatParameters: { version: 'two' },
        upgradeMessage: 'new code',
      });
      log(`upgrade: ${await outcome(upgraded)}`);
      log(`pending: ${await outcome(pendingP)}`);
      log(`${await E(root).version()}, count ${await E(root).increment()}`);
      log(`${await E(thing).describe()} ${await E(thing).shout()}`);
      log(`ephemeral: ${await outcome(E(eph).ping())}`);
      log(`again: ${await outcome(E(adminNode).upgrade(await cap('v2'), { vatParameters: { version: 'three' } }))}`);
      log(`${await E(root).version()}`);
      return 'upgrade done';
    },
  });
}
