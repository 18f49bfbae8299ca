import { Far } from '@endo/far';

// A version 2 that does not redefine the durable kind 'thing': its startVat fails.
export function buildRootObject() {
  return Far('root', { version: () => 'forgetful' });
}
