import { E, Far } from '@endo/far';

// Bootstrap of ZoeUpgradeIntegrationTests: Zoe starts a durable contract, which is then upgraded
// through its adminFacet (upgradeContract) and keeps its count.
export function buildRootObject(vatPowers) {
  const log = vatPowers.testLog;
  return Far('root', {
    async bootstrap(vats, devices) {
      const svc = await E(vats.vatAdmin).createVatAdminService(devices.vatAdmin);
      const { zoeService: zoe } = await E(vats.zoe).buildZoe(svc, undefined, 'zcf');
      const v1 = await E(zoe).installBundleID(await E(svc).getBundleIDByName('durableV1'));
      const { publicFacet, adminFacet } = await E(zoe).startInstance(v1, {}, {}, { note: 'first' });
      log(`${await E(publicFacet).version()}: ${await E(publicFacet).increment()}, ${await E(publicFacet).increment()}`);
      const v2 = await E(svc).getBundleIDByName('durableV2');
      const result = await E(adminFacet).upgradeContract(v2, { note: 'upgraded' });
      log(`upgradeContract: ${JSON.stringify(result)}`);
      log(`${await E(publicFacet).version()}: ${await E(publicFacet).increment()}`);
      return 'zoe upgrade done';
    },
  });
}
