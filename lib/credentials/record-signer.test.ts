import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordSignerOf, recordSigningThread, recordVerifierOf } from './record-signer';

describe('recordSignerOf', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = recordSignerOf(privateKey);
  const payloads = [
    '',
    '{"v":1}',
    JSON.stringify({ name: 'सुरेश दास', award: 'खाद्य एवं पेय सेवा स्टीवर्ड' }),
    'x'.repeat(20_000), // larger than the first scratch buffer
    '{"a":"b"}',
  ];

  it('gives the signature node:crypto gives (Ed25519 is deterministic), which verifies', () => {
    for (const payload of payloads) {
      const bytes = Buffer.from(payload, 'utf8');
      const signature = signer(payload);
      expect(signature).toBe(sign(null, bytes, privateKey).toString('base64'));
      expect(verify(null, bytes, publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    }
  });

  it('signs each payload on its own terms (nothing left over from a longer one)', () => {
    const long = signer('{"a":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}');
    const short = signer('{"a":"b"}');
    expect(short).not.toBe(long);
    expect(short).toBe(sign(null, Buffer.from('{"a":"b"}'), privateKey).toString('base64'));
  });

  it('refuses a key that is not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => recordSignerOf(rsa)).toThrow(/Ed25519/);
  });
});

describe('recordVerifierOf', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const check = recordVerifierOf(publicKey);
  const payload = JSON.stringify({ name: 'सुरेश दास', number: 'DSI/2026/000101' });
  const good = sign(null, Buffer.from(payload), privateKey).toString('base64');

  it('accepts the signature node:crypto made', () => {
    expect(check(payload, good)).toBe(true);
  });

  it('refuses a changed payload, another key, and malformed signatures', () => {
    expect(check(payload.replace('000101', '000102'), good)).toBe(false);
    expect(recordVerifierOf(other.publicKey)(payload, good)).toBe(false);
    expect(check(payload, '')).toBe(false);
    expect(check(payload, good.slice(0, 40))).toBe(false);
    expect(check(payload, Buffer.alloc(64).toString('base64'))).toBe(false);
  });
});

describe('recordSigningThread', () => {
  it('signs batches beside the main thread, in order, as recordSignerOf does', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const inline = recordSignerOf(privateKey);
    const thread = recordSigningThread(privateKey);
    try {
      const batches = [0, 1, 2].map((b) =>
        Array.from({ length: 40 }, (_, i) => `{"n":${b * 40 + i},"name":"सुरेश ${i}"}`),
      );
      const signed = await Promise.all(batches.map((b) => thread.sign(b)));
      expect(signed.map((s) => s.length)).toEqual([40, 40, 40]);
      expect(signed.flat()).toEqual(batches.flat().map(inline));
    } finally {
      await thread.close();
    }
    await expect(thread.sign(['{}'])).rejects.toThrow(/closed/);
  });

  it('signs payloads of every UTF-8 length, and batches larger than a reused buffer', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const inline = recordSignerOf(privateKey);
    const thread = recordSigningThread(privateKey);
    try {
      // 1, 2, 3 and 4 bytes per character, a lone surrogate (written as U+FFFD), an empty one.
      const small = ['x', 'é', 'सुरेश', '😀👍', 'a\ud800b', ''];
      const large = Array.from({ length: 3 }, (_, i) => `${i}${'अ'.repeat(300_000)}`);
      for (const batch of [small, large, small])
        expect(await thread.sign(batch)).toEqual(batch.map(inline));
    } finally {
      await thread.close();
    }
  });
});
