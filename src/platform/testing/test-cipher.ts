import { createSecretKey, randomBytes } from 'node:crypto';
import { PersonalDataCipher } from '../crypto/index.js';

/** A cipher with fresh random keys, for tests that seal and open values without a platform. */
export function testCipher(): PersonalDataCipher {
  return new PersonalDataCipher({ encKeys: new Map([['1', createSecretKey(randomBytes(32))]]), activeEncKeyId: '1', hmacKey: createSecretKey(randomBytes(32)), source: 'config' });
}
