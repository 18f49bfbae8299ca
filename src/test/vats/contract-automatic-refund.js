// Zoe's automaticRefund contract, unmodified, as a bundle to install.
export { start } from '@agoric/zoe/src/contracts/automaticRefund.js';
