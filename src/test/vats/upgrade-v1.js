import { Far } from '@endo/far';
import { makeScalarBigMapStore, prepareKind, provide } from '@agoric/vat-data';

// Version 1 of the vat UpgradeIntegrationTests upgrades: a durable counter, kind and collection.
export function buildRootObject(vatPowers, vatParameters, baggage) {
  const makeThing = prepareKind(baggage, 'thing', label => ({ label }), {
    describe: ({ state }) => `thing ${state.label} (v1)`,
  });
  const things = provide(baggage, 'things', () => makeScalarBigMapStore('things', { durable: true }));
  if (!baggage.has('count')) {
    baggage.init('count', 0);
  }
  return Far('root', {
    version: () => `v1 ${vatParameters.version}`,
    increment() {
      const n = baggage.get('count') + 1;
      baggage.set('count', n);
      return n;
    },
    makeThing(label) {
      const thing = makeThing(label);
      things.init(label, thing);
      return thing;
    },
    ephemeral: () => Far('ephemeral', { ping: () => 'pong' }),
    // a promise this vat decides and never settles
    pending: () => new Promise(() => {}),
  });
}
