// A version 2 whose buildRootObject throws.
export function buildRootObject() {
  throw Error('version 2 refuses to start');
}
