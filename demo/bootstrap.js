// The demo's bootstrap vat: greets through another vat and counts in a third.
import { Far, E } from '@endo/far';

export function buildRootObject(vatPowers) {
  const log = vatPowers.testLog;
  return Far('root', {
    async bootstrap(vats) {
      const greeting = await E(vats.greeter).greet('vatkernel');
      log(`greeter says: ${greeting}`);
      const counts = await Promise.all([1, 2, 3].map(() => E(vats.counter).increment()));
      log(`counter counted: ${counts.join(', ')}`);
      return 'demo ready';
    },
  });
}
