// Bootstrap for the call-and-return scenarios: each step logs what it saw.
import { Far, E } from '@endo/far';

export function buildRootObject(vatPowers) {
  const log = vatPowers.testLog;
  return Far('root', {
    async bootstrap(vats) {
      log(`vats: ${Object.keys(vats).sort().join(',')}`);

      log(`add: ${await E(vats.alice).add(2, 3)}`);

      const counter = await E(vats.alice).makeCounter('c1');
      log(`bob used counter: ${await E(vats.bob).useCounter(counter)}`);
      log(`counter now: ${await E(counter).get()}`);

      const greeting = E(vats.alice).slowGreeting('carol');
      log(`bob awaited: ${await E(vats.bob).awaitArg(greeting)}`);

      log(`forwarded: ${await E(vats.alice).forward(vats.bob)}`);

      const wrapped = await E(vats.alice).wrap(vats.bob);
      log(`wrapped inner: ${await wrapped.inner}`);

      try {
        await E(vats.bob).fail('bad thing');
        log('fail resolved?!');
      } catch (e) {
        log(`caught: ${e.name}: ${e.message}`);
      }

      const later = E(vats.alice).makeCounter('c2');
      const first = E(later).increment();
      const second = E(later).increment();
      log(`pipelined: ${await first} ${await second}`);

      try {
        await E(E(vats.bob).echo(42)).foo();
      } catch (e) {
        log(`call on data: ${e.message}`);
      }
      return 'bootstrap done';
    },
  });
}
