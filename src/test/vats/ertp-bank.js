// ERTP, unmodified: a bank that makes an issuer kit and mints payments on request.
import { Far } from '@endo/far';
import { AmountMath, makeIssuerKit } from '@agoric/ertp';

export function buildRootObject() {
  const { mint, issuer, brand } = makeIssuerKit('moola');
  return Far('bank', {
    getIssuer: () => issuer,
    mint: n => mint.mintPayment(AmountMath.make(brand, BigInt(n))),
  });
}
