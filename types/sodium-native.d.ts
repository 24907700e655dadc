// The part of sodium-native (libsodium bindings) that lib/credentials/record-signer.ts uses.
declare module 'sodium-native' {
  const sodium: {
    crypto_sign_BYTES: number;
    crypto_sign_SECRETKEYBYTES: number;
    crypto_sign_PUBLICKEYBYTES: number;
    crypto_sign_detached(signature: Buffer, message: Buffer, secretKey: Buffer): void;
    crypto_sign_verify_detached(signature: Buffer, message: Buffer, publicKey: Buffer): boolean;
  };
  export default sodium;
}
