// The payload codec: AES-256-GCM with key ids, rotation, and plain payloads of before.
import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_PAYLOAD_KEY, parsePayloadKeys } from './config.js';
import { EncryptionCodec, PayloadKeyUnknownError, KEY_ID_METADATA } from './data-converter.js';

const key = (id: string) => ({ id, key: randomBytes(32) });
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString();

describe('EncryptionCodec', () => {
  const fact = { reason: 'passport copy illegible', name: 'Greta Owner' };
  const plain = defaultPayloadConverter.toPayload(fact);

  it('seals with the newest key, names it, and opens back to the same payload', async () => {
    const codec = new EncryptionCodec([key('2026-01'), key('2026-07')]);
    const [sealed] = await codec.encode([plain]);
    expect(text(sealed!.metadata![KEY_ID_METADATA])).toBe('2026-07');
    expect(text(sealed!.data)).not.toContain('Greta');
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(fact);
  });

  it('after a rotation, opens what the old key sealed; without that key, refuses', async () => {
    const old = key('2026-01');
    const [sealedBefore] = await new EncryptionCodec([old]).encode([plain]);
    const rotated = new EncryptionCodec([old, key('2026-07')]);
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([sealedBefore!]))[0]!)).toEqual(fact);
    await expect(new EncryptionCodec([key('2026-07')]).decode([sealedBefore!])).rejects.toBeInstanceOf(PayloadKeyUnknownError);
  });

  it('passes plain payloads (written before encryption) through unchanged', async () => {
    const codec = new EncryptionCodec([DEV_PAYLOAD_KEY]);
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('refuses a tampered payload and one moved under another key id', async () => {
    const a = key('a');
    const b = { id: 'b', key: a.key };
    const codec = new EncryptionCodec([a, b]);
    const [sealed] = await new EncryptionCodec([a]).encode([plain]);
    const flipped = { ...sealed!, data: Buffer.from(sealed!.data!).map((x, i) => (i === 15 ? x ^ 1 : x)) };
    await expect(codec.decode([flipped])).rejects.toThrow();
    const relabelled = { ...sealed!, metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: Buffer.from('b') } };
    await expect(codec.decode([relabelled])).rejects.toThrow();
  });
});

describe('CIPDESK_PAYLOAD_KEYS', () => {
  it('defaults to the public development key', () => {
    expect(parsePayloadKeys(undefined)).toEqual([DEV_PAYLOAD_KEY]);
  });

  it('reads keys oldest first', () => {
    const k1 = randomBytes(32).toString('base64');
    const k2 = randomBytes(32).toString('base64');
    expect(parsePayloadKeys(`2026-01:${k1}, 2026-07:${k2}`).map((k) => k.id)).toEqual(['2026-01', '2026-07']);
  });

  it.each([
    ['no colon', 'abc'],
    ['short key', `k1:${randomBytes(16).toString('base64')}`],
    ['not base64', `k1:${'!'.repeat(44)}`],
    ['bad id', `k 1:${randomBytes(32).toString('base64')}`],
    ['duplicate id', `k1:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`],
  ])('refuses %s, naming the variable', (_, raw) => {
    expect(() => parsePayloadKeys(raw)).toThrow(ConfigError);
    expect(() => parsePayloadKeys(raw)).toThrow(/^CIPDESK_PAYLOAD_KEYS: /);
  });
});
