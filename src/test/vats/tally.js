// Tallies the messages it is sent, for the concurrent-injection test: each id is logged once per
// delivery, so a lost or repeated delivery shows in the test log. chain(n) keeps the kernel busy
// with cranks of its own while messages are injected.
import { E, Far } from '@endo/far';

export function buildRootObject(vatPowers, vatParameters, baggage) {
  if (!baggage.has('count')) {
    baggage.init('count', 0);
  }
  const root = Far('root', {
    record(id) {
      const n = baggage.get('count') + 1;
      baggage.set('count', n);
      vatPowers.testLog(`${vatParameters.name} got ${id}`);
      return n;
    },
    count() {
      return baggage.get('count');
    },
    async chain(n) {
      if (n > 0) {
        await E(root).chain(n - 1);
      }
      return n;
    },
  });
  return root;
}
