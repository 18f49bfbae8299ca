import { E, Far } from '@endo/far';

// Bootstrap of TimerIntegrationTests: SwingSet's timer vat over the timer device. Everything is
// set up at time 0; the host then polls the device and every wakeup is logged.
export function buildRootObject(vatPowers) {
  const log = vatPowers.testLog;
  let ts;
  let repeater;
  const abs = t => (typeof t === 'bigint' ? t : t.absValue);
  return Far('root', {
    async bootstrap(vats, devices) {
      ts = await E(vats.timer).createTimerService(devices.timer);
      log(`now ${abs(await E(ts).getCurrentTimestamp())}`);
      const handler = await E(vats.other).makeHandler('remote');

      E(ts)
        .delay(5n)
        .then(t => log(`delay 5 fired at ${abs(t)}`));
      E(ts)
        .wakeAt(12n)
        .then(t => log(`wakeAt 12 fired at ${abs(t)}`));
      log(`setWakeup returned ${abs(await E(ts).setWakeup(7n, handler))}`);

      const cancelToken = Far('cancel token', {});
      E(ts)
        .delay(8n, cancelToken)
        .then(
          t => log(`cancelled delay fired at ${abs(t)}`),
          e => log(`cancelled delay rejected: ${e && e.name} ${e && e.message}`),
        );
      await E(ts).cancel(cancelToken);

      const repeatHandler = Far('repeat handler', {
        wake(t) {
          log(`repeatAfter woke at ${abs(t)}`);
        },
      });
      await E(ts).repeatAfter(10n, 10n, repeatHandler);

      repeater = await E(ts).makeRepeater(3n, 6n);
      const repeaterHandler = Far('repeater handler', {
        wake(t) {
          log(`repeater woke at ${abs(t)}`);
        },
      });
      await E(repeater).schedule(repeaterHandler);
      return 'timer set';
    },
    async stopRepeater() {
      await E(repeater).disable();
      log(`repeater disabled at ${abs(await E(ts).getCurrentTimestamp())}`);
    },
  });
}
