import { E, Far } from '@endo/far';

// Bootstrap of DynamicVatLifecycleIntegrationTests: three counters in vats it creates through
// vatAdmin; the host bumps them all, through it.
export function buildRootObject() {
  const children = [];
  return Far('root', {
    async bootstrap(vats, devices) {
      const vatAdminSvc = await E(vats.vatAdmin).createVatAdminService(devices.vatAdmin);
      for (let i = 0; i < 3; i += 1) {
        const { root } = await E(vatAdminSvc).createVatByName('counter', {
          name: `counter${i}`,
          vatParameters: { start: 100 * i },
        });
        children.push(root);
      }
      return 'ready';
    },
    async bumpAll() {
      const counts = await Promise.all(children.map(child => E(child).increment()));
      return counts.reduce((a, b) => a + b, 0);
    },
  });
}
