// Drives the ERTP vats: mint, deposit, a double spend, a withdrawal that overdraws, and a
// payment passed between wallets; then some of Zoe's contract-support math and @agoric/time,
// imported from the published packages.
import { E, Far } from '@endo/far';
import { floorMultiplyBy, makeRatio } from '@agoric/zoe/src/contractSupport/index.js';
import { TimeMath } from '@agoric/time';

export function buildRootObject(vatPowers) {
  const log = vatPowers.testLog;
  return Far('root', {
    async bootstrap(vats) {
      const issuer = await E(vats.bank).getIssuer();
      log(`issuer ${await E(vats.alice).open(issuer)}`);
      await E(vats.bob).open(issuer);
      const payment = await E(vats.bank).mint(7);
      const deposited = await E(vats.alice).deposit(payment);
      log(`deposited ${deposited.value}`);
      await E(vats.alice)
        .deposit(payment)
        .then(
          () => log('second deposit accepted'),
          e => log(`second deposit refused: ${e.message}`),
        );
      const three = await E(vats.alice).balance().then(a => ({ ...a, value: 3n }));
      const toBob = await E(vats.alice).withdraw(three);
      log(`bob got ${(await E(vats.bob).deposit(toBob)).value}`);
      await E(vats.alice)
        .withdraw({ ...three, value: 100n })
        .then(
          () => log('overdraft accepted'),
          e => log(`overdraft refused: ${e.message}`),
        );
      const [a, b] = await Promise.all([E(vats.alice).balance(), E(vats.bob).balance()]);
      log(`balances ${a.value} ${b.value}`);
      const fee = floorMultiplyBy(deposited, makeRatio(30n, deposited.brand, 100n));
      log(`fee ${fee.value} deadline ${TimeMath.addAbsRel(10n, 5n)}`);
      return 'ertp done';
    },
  });
}
