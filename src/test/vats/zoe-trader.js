import { E, Far } from '@endo/far';
import { AmountMath } from '@agoric/ertp';

// A Zoe user (alice, bob) of ZoeScenarioIntegrationTests: makes offers with the payments it is
// given and logs what Zoe pays out.
export function buildRootObject(vatPowers, vatParameters) {
  const log = line => vatPowers.testLog(`${vatParameters.name}: ${line}`);
  const show = amount => `${amount.value} ${amount.brand === undefined ? '?' : 'of a brand'}`;

  async function logPayouts(seat, brands) {
    const payouts = await E(seat).getPayouts();
    for (const keyword of Object.keys(payouts).sort()) {
      const payment = await payouts[keyword];
      const issuer = brands[keyword];
      const amount = await E(issuer).getAmountOf(payment);
      log(`payout ${keyword} ${amount.value}`);
    }
  }

  return Far('trader', {
    async refund(zoe, installation, moolaIssuer, payment) {
      const { creatorInvitation, publicFacet } = await E(zoe).startInstance(installation, {
        Contribution: moolaIssuer,
      });
      const brand = await E(moolaIssuer).getBrand();
      const give = { Contribution: AmountMath.make(brand, 3n) };
      const seat = await E(zoe).offer(creatorInvitation, harden({ give, exit: { onDemand: null } }), {
        Contribution: payment,
      });
      log(`offer result: ${await E(seat).getOfferResult()}`);
      await logPayouts(seat, { Contribution: moolaIssuer });
      log(`offers count: ${await E(publicFacet).getOffersCount()}`);
      const bad = await E(zoe)
        .offer(E(publicFacet).makeInvitation(), harden({ give: { Contribution: AmountMath.make(brand, 5n) } }), {})
        .then(
          () => 'accepted',
          e => `refused: ${e.message}`,
        );
      log(`offer without a payment: ${bad}`);
    },
    async swapFirst(zoe, installation, issuers, payment) {
      const [moolaIssuer, simoleanIssuer] = issuers;
      const { creatorInvitation } = await E(zoe).startInstance(installation, {
        Asset: moolaIssuer,
        Price: simoleanIssuer,
      });
      const moola = await E(moolaIssuer).getBrand();
      const simoleans = await E(simoleanIssuer).getBrand();
      const proposal = harden({
        give: { Asset: AmountMath.make(moola, 3n) },
        want: { Price: AmountMath.make(simoleans, 7n) },
        exit: { onDemand: null },
      });
      const seat = await E(zoe).offer(creatorInvitation, proposal, { Asset: payment });
      const counterInvitation = await E(seat).getOfferResult();
      log('offered 3 moola for 7 simoleans');
      return harden({
        counterInvitation,
        done: logPayouts(seat, { Asset: moolaIssuer, Price: simoleanIssuer }).then(() => 'alice paid out'),
      });
    },
    async swapSecond(zoe, invitation, issuers, payment) {
      const [moolaIssuer, simoleanIssuer] = issuers;
      const invitationIssuer = await E(zoe).getInvitationIssuer();
      const amount = await E(invitationIssuer).getAmountOf(invitation);
      const details = amount.value[0];
      log(`invitation: ${details.description}, ${Object.keys(details).sort().join(',')}`);
      const moola = await E(moolaIssuer).getBrand();
      const simoleans = await E(simoleanIssuer).getBrand();
      const proposal = harden({
        want: { Asset: AmountMath.make(moola, 3n) },
        give: { Price: AmountMath.make(simoleans, 7n) },
        exit: { onDemand: null },
      });
      const seat = await E(zoe).offer(invitation, proposal, { Price: payment });
      log(`offer result: ${await E(seat).getOfferResult()}`);
      await logPayouts(seat, { Asset: moolaIssuer, Price: simoleanIssuer });
      const again = await E(zoe)
        .offer(invitation, proposal, { Price: payment })
        .then(
          () => 'accepted',
          e => `refused: ${e.message}`,
        );
      log(`used invitation again: ${again}`);
    },
  });
}
