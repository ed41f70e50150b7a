// Personal data at rest: key loading and rotation, AES-256-GCM tokens, HMAC hashes for joining.
export * from './keys.js';
export * from './personal-data.js';
