// A counter for the chaos tests: counts per sender in baggage, so a lost or repeated message
// shows as a wrong count, and can be asked to work a little so kills land mid-delivery.
import { Far } from '@endo/far';

export function buildRootObject(vatPowers, vatParameters, baggage) {
  if (!baggage.has('count')) {
    baggage.init('count', 0);
  }
  return Far('root', {
    increment(seq) {
      let spin = 0;
      for (let i = 0; i < 5000; i += 1) {
        spin += i;
      }
      const n = baggage.get('count') + 1;
      baggage.set('count', n);
      if (seq % 100 === 0) {
        vatPowers.testLog(`${vatParameters.name} reached ${n} at ${seq}`);
      }
      return n + (spin > 0 ? 0 : 1);
    },
    get() {
      return baggage.get('count');
    },
  });
}
