import { E, Far } from '@endo/far';
import { makeIssuerKit } from '@agoric/ertp';

// Bootstrap of DynamicVatBenchmark: creates vats and Zoe contract instances on request.
export function buildRootObject() {
  let vatAdminSvc;
  let zoe;
  let installation;
  const moola = makeIssuerKit('moola');
  return Far('root', {
    async bootstrap(vats, devices) {
      vatAdminSvc = await E(vats.vatAdmin).createVatAdminService(devices.vatAdmin);
      if (vats.zoe) {
        ({ zoeService: zoe } = await E(vats.zoe).buildZoe(vatAdminSvc, undefined, 'zcf'));
        installation = await E(zoe).installBundleID(await E(vatAdminSvc).getBundleIDByName('automaticRefund'));
      }
      return 'ready';
    },
    // createVat to the resolved root, and one message to it
    async createOne() {
      const { root } = await E(vatAdminSvc).createVatByName('child', { vatParameters: { label: 'bench' } });
      return E(root).hello('bench');
    },
    async startInstance() {
      const { publicFacet } = await E(zoe).startInstance(installation, { Contribution: moola.issuer });
      return E(publicFacet).getOffersCount();
    },
  });
}
