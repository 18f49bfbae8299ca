import { Far, E } from '@endo/far';

export function buildRootObject(vatPowers) {
  const log = vatPowers.testLog;
  return Far('root', {
    add(a, b) {
      log(`alice add ${a} ${b}`);
      return a + b;
    },
    makeCounter(label) {
      let n = 0;
      return Far('counter', {
        increment() {
          n += 1;
          log(`${label} increment -> ${n}`);
          return n;
        },
        get() {
          return n;
        },
      });
    },
    slowGreeting(name) {
      return Promise.resolve().then(() => `hello ${name}`);
    },
    forward(bob) {
      return E(bob).echo('forwarded value');
    },
    wrap(bob) {
      return harden({ inner: E(bob).echo('inner value') });
    },
  });
}
