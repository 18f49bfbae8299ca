import { Far } from '@endo/far';

export function buildRootObject(vatPowers, vatParameters) {
  const { greeting = 'Hi' } = vatParameters;
  return Far('root', {
    greet(name) {
      return `${greeting}, ${name}!`;
    },
  });
}
