import type { KeyObject } from 'node:crypto';
import sodium from 'sodium-native';

/**
 * Ed25519 signatures over certificate records (the canonical JSON of lib/credentials/canonical.ts),
 * for bulk issue. libsodium (sodium-native) signs about 1.7 times as fast as node:crypto's
 * `sign()`, whose per-call set-up in OpenSSL 3 costs as much as the signature itself: for a
 * publish of 100,000 records that is about 1.5 s of CPU less. Ed25519 is deterministic (RFC 8032),
 * so both give the same signature for the same key and bytes (record-signer.test.ts checks it).
 * Checking a record's signature on every verification (the busiest page) is about twice as fast
 * with libsodium too, whose verification is the stricter of the two (canonical signatures only).
 */
export type RecordSigner = (payload: string) => string;

const signers = new WeakMap<KeyObject, RecordSigner>();

/** A signer for an Ed25519 private key; answers the signature in base64. */
export function recordSignerOf(key: KeyObject): RecordSigner {
  let signer = signers.get(key);
  if (signer) return signer;
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('An Ed25519 private key is needed');
  const jwk = key.export({ format: 'jwk' });
  // libsodium's secret key: the 32-byte seed followed by the public key.
  const secret = Buffer.concat([
    Buffer.from(jwk.d!, 'base64url'),
    Buffer.from(jwk.x!, 'base64url'),
  ]);
  if (secret.length !== sodium.crypto_sign_SECRETKEYBYTES) throw new Error('Malformed Ed25519 key');
  const signature = Buffer.alloc(sodium.crypto_sign_BYTES);
  // One buffer for the payload's UTF-8 bytes, grown when a payload does not fit.
  let scratch = Buffer.alloc(8192);
  signer = (payload) => {
    if (payload.length * 3 > scratch.length) scratch = Buffer.alloc(payload.length * 3);
    const n = scratch.write(payload, 'utf8');
    sodium.crypto_sign_detached(signature, scratch.subarray(0, n), secret);
    return signature.toString('base64');
  };
  signers.set(key, signer);
  return signer;
}

export type RecordVerifier = (payload: string, signatureBase64: string) => boolean;

const verifiers = new WeakMap<KeyObject, RecordVerifier>();

/** Checks record signatures (base64) against an Ed25519 public key. */
export function recordVerifierOf(key: KeyObject): RecordVerifier {
  let verifier = verifiers.get(key);
  if (verifier) return verifier;
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('An Ed25519 public key is needed');
  const publicKey = Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');
  if (publicKey.length !== sodium.crypto_sign_PUBLICKEYBYTES)
    throw new Error('Malformed Ed25519 key');
  verifier = (payload, signatureBase64) => {
    const signature = Buffer.from(signatureBase64, 'base64');
    return (
      signature.length === sodium.crypto_sign_BYTES &&
      sodium.crypto_sign_verify_detached(signature, Buffer.from(payload, 'utf8'), publicKey)
    );
  };
  verifiers.set(key, verifier);
  return verifier;
}
