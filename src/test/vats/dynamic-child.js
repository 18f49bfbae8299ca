import { E, Far } from '@endo/far';

// A vat that other vats create through vatAdmin (DynamicVatIntegrationTests).
export function buildRootObject(vatPowers, vatParameters) {
  const { testLog } = vatPowers;
  let friend = vatParameters && vatParameters.friend;
  if (vatParameters && vatParameters.failStart) {
    throw Error('refusing to start');
  }
  return Far('root', {
    hello(name) {
      return `hello ${name} from ${vatParameters && vatParameters.label}`;
    },
    exit(value) {
      vatPowers.exitVat(value);
      return 'exiting';
    },
    fail(reason) {
      vatPowers.exitVatWithFailure(Error(reason));
      return 'unreachable';
    },
    spin() {
      for (;;) {
        // until the meter runs out
      }
    },
    work(n) {
      let x = 0;
      for (let i = 0; i < n; i += 1) {
        x += i;
      }
      return x;
    },
    callFriend() {
      return E(friend).greet('child');
    },
    dropFriend() {
      friend = undefined;
      testLog('child dropped its friend');
    },
  });
}
