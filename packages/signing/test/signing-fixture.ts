import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface TestKeyPair {
  id: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function generateTestKeyPair(id: string): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { id, privateKey, publicKey };
}

/**
 * The AWS signer accepts a KeyObject at runtime although its types say string | Buffer
 * (FINDINGS: Signing); the cast is confined to this one place.
 */
export function sdkPrivateKey(key: KeyObject): string {
  return key as unknown as string;
}

export function keyLookup(...pairs: TestKeyPair[]): (keyPairId: string) => KeyObject | undefined {
  const keys = new Map(pairs.map((pair) => [pair.id, pair.publicKey]));
  return (keyPairId) => keys.get(keyPairId);
}
