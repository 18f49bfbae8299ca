// Drives three vats into the compute, stack and allocate meters, then checks a bystander.
import { Far, E } from '@endo/far';

export function buildRootObject(vatPowers) {
  const log = vatPowers.testLog;
  return Far('root', {
    async bootstrap(vats) {
      for (const [name, method] of [
        ['spinner', 'spin'],
        ['recurser', 'recurse'],
        ['allocator', 'allocate'],
      ]) {
        try {
          await E(vats[name])[method]();
          log(`${name}: resolved?!`);
        } catch (e) {
          log(`${name}: ${e.message}`);
        }
        try {
          await E(vats[name]).hello('again');
          log(`${name} after: resolved?!`);
        } catch (e) {
          log(`${name} after: ${e.message}`);
        }
      }
      log(`bystander: ${await E(vats.bystander).hello('still')}`);
    },
    async spinOnce(vats) {
      return E(vats.spinner).spin();
    },
  });
}
