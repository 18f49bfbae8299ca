import { M, prepareExo } from '@agoric/vat-data';

// A durable Zoe contract of our own, version 2 (ZoeUpgradeIntegrationTests): a counter kept in
// baggage behind a durable public facet, so that Zoe can upgrade it with upgradeContract.
export const meta = { upgradability: 'canUpgrade' };

export const start = async (zcf, privateArgs, baggage) => {
  if (!baggage.has('count')) {
    baggage.init('count', 0n);
  }
  const publicFacet = prepareExo(
    baggage,
    'publicFacet',
    M.interface('counter', {}, { defaultGuards: 'passable' }),
    {
      increment() {
        const n = baggage.get('count') + 1n;
        baggage.set('count', n);
        return n;
      },
      version() {
        return 'v2' + (privateArgs && privateArgs.note ? ` (${privateArgs.note})` : '');
      },
    },
  );
  return harden({ publicFacet });
};
