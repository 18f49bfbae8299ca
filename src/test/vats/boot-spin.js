// Bootstrap that sends one long delivery to the spinner (used to kill a worker mid-crank).
import { Far, E } from '@endo/far';

export function buildRootObject() {
  return Far('root', {
    bootstrap(vats) {
      E(vats.spinner).spin();
      return 'sent';
    },
  });
}
