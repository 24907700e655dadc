import type { KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import sodium from 'sodium-native';
import { threadRequests } from '@/lib/threads/requests';

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
  const secret = sodiumSecretOf(key);
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

/** libsodium's form of an Ed25519 private key: the 32-byte seed followed by the public key. */
function sodiumSecretOf(key: KeyObject): Buffer {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('An Ed25519 private key is needed');
  const jwk = key.export({ format: 'jwk' });
  const secret = Buffer.concat([
    Buffer.from(jwk.d!, 'base64url'),
    Buffer.from(jwk.x!, 'base64url'),
  ]);
  if (secret.length !== sodium.crypto_sign_SECRETKEYBYTES) throw new Error('Malformed Ed25519 key');
  return secret;
}

// The signing thread's code: CommonJS evaluated by the worker, so it needs no file of its own
// (nothing for a bundler to trace, no TypeScript loader in the thread).
const SIGNING_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const sodium = require(workerData.sodiumPath);
const secret = Buffer.from(workerData.secret);
const signature = Buffer.alloc(sodium.crypto_sign_BYTES);
parentPort.on('message', ({ id, bytes, ends }) => {
  const all = Buffer.from(bytes);
  const out = new Array(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    sodium.crypto_sign_detached(signature, all.subarray(start, ends[i]), secret);
    out[i] = signature.toString('base64');
    start = ends[i];
  }
  // The bytes go back to be filled again: a thread that allocates little collects rarely, and
  // buffers it no longer needs would pile up outside its heap until it did.
  parentPort.postMessage({ id, signatures: out, bytes }, [bytes]);
});
`;

export type SigningThread = {
  /** Signs the payloads on the thread; answers their signatures (base64) in order. */
  sign(payloads: string[]): Promise<string[]>;
  close(): Promise<void>;
};

/**
 * A thread of its own that signs records with one key, for bulk issue: publishing keeps reading,
 * building and writing on the main thread while the signatures are made beside it (signing is
 * about a third of the main thread's work otherwise). Gives the same signatures as
 * `recordSignerOf`. Close it when done.
 */
export function recordSigningThread(key: KeyObject): SigningThread {
  const worker = new Worker(SIGNING_THREAD, {
    eval: true,
    workerData: {
      sodiumPath: createRequire(import.meta.url).resolve('sodium-native'),
      secret: sodiumSecretOf(key),
    },
  });
  const thread = threadRequests<{ id: number; signatures: string[]; bytes: ArrayBuffer }>(
    worker,
    'signing thread',
  );
  // Buffers back from the thread, to be filled again.
  const spare: ArrayBuffer[] = [];
  return {
    async sign(payloads) {
      // The payloads' UTF-8 bytes in one buffer handed over to the thread (transferred, not
      // copied): cloning the strings for the thread cost more than encoding them here. The
      // buffer is sized by the bound of 3 bytes per UTF-16 unit, not by each payload's exact
      // length: measuring that walked every payload once more (about 0.5 s per 100,000 records,
      // Devanagari names making them two-byte strings).
      let size = 0;
      for (const p of payloads) size += p.length * 3;
      const reuse = spare.findIndex((b) => b.byteLength >= size);
      const buffer =
        reuse >= 0 ? spare.splice(reuse, 1)[0]! : new ArrayBuffer(Math.max(size, 1 << 19));
      const bytes = Buffer.from(buffer);
      const ends = new Uint32Array(payloads.length);
      let end = 0;
      for (let i = 0; i < payloads.length; i++) ends[i] = end += bytes.write(payloads[i]!, end);
      const answer = await thread.request({ bytes: bytes.buffer, ends }, [
        bytes.buffer,
        ends.buffer,
      ]);
      if (spare.length < 16) spare.push(answer.bytes);
      return answer.signatures;
    },
    close: () => thread.close(),
  };
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
