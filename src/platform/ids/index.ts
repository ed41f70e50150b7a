// National identifiers (GB 11643, GB 32100, mainland phone numbers), their masks, and text clean-up.
export * from './resident-id.js';
export * from './credit-code.js';
export * from './phone.js';
export * from './mask.js';
export * from './normalize-text.js';
