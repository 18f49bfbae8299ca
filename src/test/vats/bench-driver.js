// Bootstrap for the throughput benchmark: ping-pong (each call awaits the previous answer) and
// fan-out (all calls sent at once, then awaited) against the pong vat.
import { Far, E } from '@endo/far';

export function buildRootObject() {
  let vats;
  return Far('root', {
    bootstrap(v) {
      vats = v;
    },
    async pingPong(n) {
      for (let i = 0; i < n; i += 1) {
        // eslint-disable-next-line no-await-in-loop
        await E(vats.pong).pong(i);
      }
      return n;
    },
    async fanOut(n) {
      const answers = [];
      for (let i = 0; i < n; i += 1) {
        answers.push(E(vats.pong).pong(i));
      }
      await Promise.all(answers);
      return n;
    },
  });
}
