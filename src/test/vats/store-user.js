// Uses the libraries vat code commonly imports besides @endo/far: stores and pattern guards.
import { Far } from '@endo/far';
import { M, mustMatch } from '@endo/patterns';
import { makeScalarMapStore } from '@agoric/store';

export function buildRootObject() {
  const memory = makeScalarMapStore('memory');
  return Far('root', {
    remember(key, value) {
      mustMatch(key, M.string());
      memory.init(key, value);
      return memory.getSize();
    },
    recall(key) {
      return memory.get(key);
    },
  });
}
