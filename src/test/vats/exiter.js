import { Far } from '@endo/far';

export function buildRootObject(vatPowers) {
  return Far('root', {
    quit(reason) {
      vatPowers.exitVat(reason);
      return 'said goodbye';
    },
    fail(reason) {
      vatPowers.exitVatWithFailure(Error(reason));
      return 'unreachable';
    },
    hello() {
      return 'still here';
    },
  });
}
