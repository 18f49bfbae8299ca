// ERTP, unmodified: a wallet in another vat, holding a purse of the bank's issuer.
import { E, Far } from '@endo/far';

export function buildRootObject() {
  let purse;
  return Far('wallet', {
    async open(issuer) {
      purse = await E(issuer).makeEmptyPurse();
      return E(issuer).getAllegedName();
    },
    deposit: payment => E(purse).deposit(payment),
    withdraw: amount => E(purse).withdraw(amount),
    balance: () => E(purse).getCurrentAmount(),
  });
}
