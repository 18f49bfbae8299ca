import { Far, E } from '@endo/far';

export function buildRootObject(vatPowers) {
  const log = vatPowers.testLog;
  return Far('root', {
    async useCounter(counter) {
      await E(counter).increment();
      return E(counter).increment();
    },
    async awaitArg(p) {
      log('bob got a promise');
      const v = await p;
      return `bob got ${v}`;
    },
    echo(x) {
      return x;
    },
    fail(message) {
      throw TypeError(message);
    },
  });
}
