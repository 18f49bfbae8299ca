import { E, Far } from '@endo/far';
import { makeIssuerKit, AmountMath } from '@agoric/ertp';

// Bootstrap of ZoeScenarioIntegrationTests: Zoe (vat-zoe.js) with SwingSet's vatAdmin service,
// contracts installed from named bundles, ERTP mints, and two traders in their own vats.
export function buildRootObject(vatPowers) {
  const log = vatPowers.testLog;
  return Far('root', {
    async bootstrap(vats, devices) {
      const vatAdminSvc = await E(vats.vatAdmin).createVatAdminService(devices.vatAdmin);
      const { zoeService: zoe } = await E(vats.zoe).buildZoe(vatAdminSvc, undefined, 'zcf');
      const install = async name => E(zoe).installBundleID(await E(vatAdminSvc).getBundleIDByName(name));
      const refundInstallation = await install('automaticRefund');
      const swapInstallation = await install('atomicSwap');
      log('installed automaticRefund and atomicSwap');

      const moola = makeIssuerKit('moola');
      const simoleans = makeIssuerKit('simoleans');
      const issuers = harden([moola.issuer, simoleans.issuer]);
      const pay = (kit, n) => kit.mint.mintPayment(AmountMath.make(kit.brand, n));

      await E(vats.alice).refund(zoe, refundInstallation, moola.issuer, pay(moola, 3n));

      const { counterInvitation, done } = await E(vats.alice).swapFirst(zoe, swapInstallation, issuers, pay(moola, 3n));
      await E(vats.bob).swapSecond(zoe, counterInvitation, issuers, pay(simoleans, 7n));
      log(await done);
      return 'zoe done';
    },
  });
}
