// Bootstrap for the GC tests: hands vats to each other on the host's request.
import { E, Far } from '@endo/far';

export function buildRootObject() {
  let vats;
  return Far('root', {
    bootstrap(v) {
      vats = v;
      return 'gc ready';
    },
    give(n) {
      return E(vats.exporter).give(vats.importer, n);
    },
    giveToRecognize(n) {
      return E(vats.exporter).give(vats.importer, n, 'recognize');
    },
    // n fresh objects, each in its own message, which the importer drops at once.
    giveToHold(n) {
      return E(vats.exporter).give(vats.importer, n, 'hold');
    },
    // The doomed vat imports n objects from the exporter and exports n to the importer.
    entangle(n) {
      return Promise.all([E(vats.exporter).keep(vats.doomed, n), E(vats.doomed).share(vats.importer, n)]);
    },
    used: () => E(vats.importer).used(),
  });
}
