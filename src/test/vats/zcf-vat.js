// The contract facet vat Zoe creates for each contract instance, unmodified (the 'zcf' bundle).
export { buildRootObject } from '@agoric/zoe/src/contractFacet/vatRoot.js';
