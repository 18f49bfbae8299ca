// Counts in baggage, so the count is durable vatstore state.
import { Far } from '@endo/far';

export function buildRootObject(vatPowers, vatParameters, baggage) {
  if (!baggage.has('count')) {
    baggage.init('count', 0);
  }
  return Far('root', {
    increment() {
      const n = baggage.get('count') + 1;
      baggage.set('count', n);
      return n;
    },
    get() {
      return baggage.get('count');
    },
  });
}
