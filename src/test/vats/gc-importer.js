// Imports objects for the GC tests: use() talks to the object and forgets it, hold() forgets it
// at once, keep() keeps it (until the vat dies), share() exports objects of its own to a holder.
import { E, Far } from '@endo/far';

export function buildRootObject(vatPowers) {
  const kept = [];
  // Recognizes without holding: liveslots drops such an import but does not retire it.
  const seen = new WeakSet();
  let used = 0;
  return Far('root', {
    async use(thing) {
      const answer = await E(thing).ping();
      used += 1;
      return answer;
    },
    hold(_thing) {
      used += 1;
    },
    recognize(thing) {
      seen.add(thing);
      used += 1;
    },
    keep(thing) {
      kept.push(thing);
      return kept.length;
    },
    share(holder, n) {
      for (let i = 0; i < n; i += 1) {
        void E(holder).keep(Far('mine', { ping: () => 'mine' }));
      }
    },
    used: () => used,
    log() {
      vatPowers.testLog(`used ${used}, kept ${kept.length}`);
    },
  });
}
