import { Far } from '@endo/far';

// A vat whose object is a timer wakeup handler (TimerIntegrationTests).
export function buildRootObject(vatPowers) {
  return Far('root', {
    makeHandler(label) {
      return Far('handler', {
        wake(t) {
          vatPowers.testLog(`${label} handler woke at ${typeof t === 'bigint' ? t : t.absValue}`);
        },
      });
    },
  });
}
