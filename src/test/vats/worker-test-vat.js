// A liveslots vat for the worker-layer tests: plain replies, a counter whose value
// must survive a heap snapshot, and the three ways a vat runs into xsnap's meters.
import { Far } from '@endo/far';

export function buildRootObject(vatPowers) {
  let count = 0;
  return Far('root', {
    hello(name) {
      count += 1;
      vatPowers.testLog(`hello ${name}`);
      return `hi ${name} #${count}`;
    },
    count() {
      return count;
    },
    // Compute meter: an infinite loop.
    spin() {
      for (;;) {
        count += 1;
      }
    },
    // Stack meter: unbounded recursion.
    recurse() {
      const down = n => down(n + 1) + 1;
      return down(0);
    },
    // Allocate meter: string doubling reaches xsnap's 2 GiB heap cap.
    allocate() {
      let s = 'x';
      for (;;) {
        s += s;
      }
    },
    fail(message) {
      throw Error(message);
    },
  });
}
