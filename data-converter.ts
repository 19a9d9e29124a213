// What Temporal stores of a case is encrypted: workflow inputs, decisions, facts, activity
// arguments and results all pass through this payload codec on their way to the server, so that
// the Temporal database and its UI hold ciphertext, never a customer's identity or the facts of
// a case. One module for the worker, the API's client, the codec endpoint and the tests.
//
// AES-256-GCM with a fresh 96-bit nonce per payload; the key id travels in the payload's
// metadata, so that keys can be rotated: new payloads use the newest key, old ones still name
// (and find) theirs. Payloads written before encryption existed carry no key id and pass
// through unchanged, so histories recorded then still replay and read.
//
// Codecs run in the worker's main thread and in clients, never inside the workflow sandbox:
// the workflow bundle is unaffected (no payloadConverterPath).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
// The proto package is CommonJS without named exports Node's ESM loader can see: its default is the namespace.
import proto from '@temporalio/proto';

const { temporal } = proto;

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

export interface PayloadKey {
  /** Named in every payload the key encrypts; never reuse an id for another key. */
  id: string;
  /** 32 bytes (AES-256). */
  key: Buffer;
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = new TextEncoder();
const text = new TextDecoder();

export class PayloadKeyUnknownError extends Error {
  constructor(readonly keyId: string) {
    super(`payload encrypted with key "${keyId}", which is not configured (CIPDESK_PAYLOAD_KEYS)`);
    this.name = 'PayloadKeyUnknownError';
  }
}

export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly newest: PayloadKey;

  /** `keys` oldest first: the last one encrypts, every one decrypts. */
  constructor(keys: readonly PayloadKey[]) {
    const newest = keys.at(-1);
    if (!newest) throw new Error('the payload codec needs at least one key');
    for (const k of keys) if (k.key.length !== 32) throw new Error(`payload key "${k.id}" must be 32 bytes`);
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
    this.newest = newest;
  }

  get currentKeyId(): string {
    return this.newest.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.newest.key, nonce);
      // The key id is bound to the ciphertext: moving a payload under another id fails to open.
      cipher.setAAD(utf8.encode(this.newest.id));
      const sealed = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: utf8.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8.encode(this.newest.id) },
        data: sealed,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding;
      // Not ours (written before the codec, or by another converter): leave it as it is.
      if (!encoding || text.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
      const idBytes = payload.metadata?.[KEY_ID_METADATA];
      if (!idBytes) throw new Error('encrypted payload without a key id');
      const keyId = text.decode(idBytes);
      const key = this.byId.get(keyId);
      if (!key) throw new PayloadKeyUnknownError(keyId);
      const sealed = Buffer.from(payload.data ?? new Uint8Array());
      if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new Error('encrypted payload is too short');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
      decipher.setAAD(idBytes);
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
      const decoded = temporal.api.common.v1.Payload.decode(plain);
      return { metadata: decoded.metadata ?? {}, data: decoded.data ?? new Uint8Array() } as Payload;
    });
  }
}

/** The data converter every cipdesk worker and client uses: the default converter, then encryption. */
export function cipdeskDataConverter(keys: readonly PayloadKey[]): DataConverter & { payloadCodecs: [EncryptionCodec] } {
  return { payloadCodecs: [new EncryptionCodec(keys)] };
}

/**
 * The codecs a Temporal client was built with, as one codec: encode runs them in order, decode
 * in reverse. A client without codecs gives a codec that changes nothing.
 */
export function clientPayloadCodec(client: { options: { loadedDataConverter: { payloadCodecs: PayloadCodec[] } } }): PayloadCodec {
  const codecs = client.options.loadedDataConverter.payloadCodecs;
  return {
    async encode(payloads) {
      for (const codec of codecs) payloads = await codec.encode(payloads);
      return payloads;
    },
    async decode(payloads) {
      for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
      return payloads;
    },
  };
}
