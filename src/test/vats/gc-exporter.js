// Exports fresh objects for the GC tests: give() sends each to an importer, which uses it
// (or only holds it) and drops it.
import { E, Far } from '@endo/far';

export function buildRootObject() {
  let made = 0;
  const fresh = () => {
    made += 1;
    return Far('thing', { ping: () => 'pong' });
  };
  return Far('root', {
    give(importer, n, method = 'use') {
      for (let i = 0; i < n; i += 1) {
        void E(importer)[method](fresh());
      }
      return made;
    },
    keep(holder, n) {
      for (let i = 0; i < n; i += 1) {
        void E(holder).keep(fresh());
      }
      return made;
    },
    made: () => made,
  });
}
