// Zoe's atomicSwap contract, unmodified, as a bundle to install.
export { start } from '@agoric/zoe/src/contracts/atomicSwap.js';
