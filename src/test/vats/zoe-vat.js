// Zoe's own vat, unmodified: @agoric/vats' vat-zoe.js (ZoeScenarioIntegrationTests).
export { buildRootObject } from '@agoric/vats/src/vat-zoe.js';
