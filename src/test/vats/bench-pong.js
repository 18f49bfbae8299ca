import { Far } from '@endo/far';

export function buildRootObject() {
  return Far('root', {
    pong(i) {
      return i;
    },
  });
}
