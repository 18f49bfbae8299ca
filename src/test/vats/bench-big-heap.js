import { Far } from '@endo/far';

// A vat with about 10 MB of heap (DynamicVatBenchmark's upgrade): ten thousand 1 KB strings.
export function buildRootObject(vatPowers, vatParameters, baggage) {
  const blob = [];
  for (let i = 0; i < 10000; i += 1) {
    blob.push(`${'x'.repeat(1000)}${i}`);
  }
  if (!baggage.has('starts')) {
    baggage.init('starts', 0);
  }
  baggage.set('starts', baggage.get('starts') + 1);
  return Far('root', {
    size: () => blob.length,
    starts: () => baggage.get('starts'),
  });
}
