import { Far } from '@endo/far';
import { makeScalarBigMapStore, prepareKind, provide } from '@agoric/vat-data';

// Version 2: the same durable kind, redefined with a new method.
export function buildRootObject(vatPowers, vatParameters, baggage) {
  prepareKind(baggage, 'thing', label => ({ label }), {
    describe: ({ state }) => `thing ${state.label} (v2)`,
    shout: ({ state }) => state.label.toUpperCase(),
  });
  const things = provide(baggage, 'things', () => makeScalarBigMapStore('things', { durable: true }));
  return Far('root', {
    version: () => `v2 ${vatParameters.version}, things: ${[...things.keys()].join(',')}`,
    increment() {
      const n = baggage.get('count') + 1;
      baggage.set('count', n);
      return n;
    },
  });
}
