// Personal data at rest: key loading and rotation, sealed tokens (XChaCha20-Poly1305; AES-256-GCM read), HMAC hashes for joining.
export * from './keys.js';
export * from './personal-data.js';
