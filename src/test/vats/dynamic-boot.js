import { E, Far } from '@endo/far';

// Bootstrap of DynamicVatIntegrationTests: creates vats through SwingSet's vatAdmin service and
// logs what each step gave, so that the log can be compared with SwingSet's.
export function buildRootObject(vatPowers) {
  const log = vatPowers.testLog;
  let vatAdminSvc;
  let friendCalls = 0;
  const friend = Far('friend', {
    greet(who) {
      friendCalls += 1;
      return `greetings ${who}`;
    },
  });
  const show = e => (e && e.message !== undefined ? `Error: ${e.message}` : `${e}`);

  async function outcome(p) {
    try {
      return `ok ${JSON.stringify(await p)}`;
    } catch (e) {
      return `rejected ${show(e)}`;
    }
  }

  return Far('root', {
    async bootstrap(vats, devices) {
      // SwingSet also adds comms, vattp and timer vats; vatkernel adds only vatAdmin
      log(`vats has vatAdmin and boot: ${'vatAdmin' in vats && 'boot' in vats}`);
      log(`devices: ${Object.keys(devices).sort().join(',')}`);
      vatAdminSvc = await E(vats.vatAdmin).createVatAdminService(devices.vatAdmin);

      // by bundlecap, with vatParameters holding an object of ours
      const bundleID = await E(vatAdminSvc).getBundleIDByName('child');
      log(`bundleID ok: ${bundleID.startsWith('b1-') && bundleID.length === 131}`);
      const bcap = await E(vatAdminSvc).getBundleCap(bundleID);
      const { root: a, adminNode: aAdmin } = await E(vatAdminSvc).createVat(bcap, {
        name: 'alpha',
        vatParameters: { label: 'alpha', friend },
      });
      log(await E(a).hello('boot'));
      log(await E(a).callFriend());
      log(`friend calls ${friendCalls}`);

      // by name; done() resolved by exitVat
      const { root: b, adminNode: bAdmin } = await E(vatAdminSvc).createVatByName('child', {
        vatParameters: { label: 'beta' },
      });
      log(await E(b).hello('boot'));
      const bDone = E(bAdmin).done();
      log(`exit: ${await outcome(E(b).exit('all done'))}`);
      log(`beta done: ${await outcome(bDone)}`);
      log(`after exit: ${await outcome(E(b).hello('again'))}`);
      log(`done again: ${await outcome(E(bAdmin).done())}`);

      // exitVatWithFailure
      const { root: c, adminNode: cAdmin } = await E(vatAdminSvc).createVatByName('child');
      const cDone = E(cAdmin).done();
      log(`fail: ${await outcome(E(c).fail('gamma gave up'))}`);
      log(`gamma done: ${await outcome(cDone)}`);

      // terminateWithFailure from outside
      const { root: d, adminNode: dAdmin } = await E(vatAdminSvc).createVatByName('child');
      const dDone = E(dAdmin).done();
      await E(dAdmin).terminateWithFailure(Error('enough of delta'));
      log(`delta done: ${await outcome(dDone)}`);
      log(`after terminate: ${await outcome(E(d).hello('again'))}`);

      // an infinite loop: the metering fault terminates it, done() says why (on SwingSet a vat
      // without a meter has no per-crank limit: give it an unlimited one)
      const unlimited = await E(vatAdminSvc).createUnlimitedMeter();
      log(`unlimited: ${JSON.stringify(await E(unlimited).get())}`);
      const { root: e, adminNode: eAdmin } = await E(vatAdminSvc).createVatByName('child', { meter: unlimited });
      const eDone = E(eAdmin).done();
      log(`spin: ${await outcome(E(e).spin())}`);
      log(`epsilon done: ${await outcome(eDone)}`);

      // a small meter: underflow
      const meter = await E(vatAdminSvc).createMeter(30_000_000n, 1_000n);
      const { root: f, adminNode: fAdmin } = await E(vatAdminSvc).createVatByName('child', { meter });
      const fDone = E(fAdmin).done();
      log(`small work: ${await outcome(E(f).work(10))}`);
      const left = await E(meter).get();
      log(`meter after small work: below start ${left.remaining < 30_000_000n}, threshold ${left.threshold}`);
      let last;
      for (let i = 0; i < 100; i += 1) {
        last = await outcome(E(f).work(200_000));
        if (last.startsWith('rejected')) {
          break;
        }
      }
      log(`work until the meter is empty: ${last}`);
      log(`zeta done: ${await outcome(fDone)}`);
      log(`meter after underflow: ${(await E(meter).get()).remaining}`);
      await E(meter).addRemaining(5n);
      log(`meter after add: ${(await E(meter).get()).remaining}`);
      log(`meter add number: ${await outcome(E(meter).addRemaining(5))}`);

      // creations that fail
      log(`start fails: ${await outcome(E(vatAdminSvc).createVatByName('child', { vatParameters: { failStart: true } }))}`);
      log(`unknown option: ${await outcome(E(vatAdminSvc).createVatByName('child', { colour: 'blue' }))}`);
      log(`unknown name: ${await outcome(E(vatAdminSvc).createVatByName('nosuch'))}`);
      log(`not installed: ${await outcome(E(vatAdminSvc).getBundleCap(`b1-${'0'.repeat(128)}`))}`);
      log(`not a bundlecap: ${await outcome(E(vatAdminSvc).createVat(friend))}`);
      log(`critical without key: ${await outcome(E(vatAdminSvc).createVatByName('child', { critical: true }))}`);
      log(`negative meter: ${await outcome(E(vatAdminSvc).createMeter(-1n, 0n))}`);

      // alpha still works; then it drops the friend
      log(await E(a).hello('boot'));
      await E(a).dropFriend();
      return 'dynamic done';
    },
    // a bundle the host installs later: waitForBundleCap answers once it is there
    async waitForBundle(bundleID) {
      const bcap = await E(vatAdminSvc).waitForBundleCap(bundleID);
      const { root } = await E(vatAdminSvc).createVat(bcap);
      log(`late bundle: ${await E(root).hello()}`);
    },
    // vatkernel refuses pipelining vats (SwingSet creates them): the host asks this separately
    async tryPipelining() {
      log(`pipelining: ${await outcome(E(vatAdminSvc).createVatByName('child', { enablePipelining: true }))}`);
    },
  });
}
