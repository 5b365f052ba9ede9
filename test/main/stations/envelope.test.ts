import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey, open, checkSignature, readBody, seal } from '../../../src/main/stations/envelope';
import { baseOf, mergeSubscriber } from '../../../src/main/stations/merge';
import type { SubscriberWire } from '../../../src/main/stations/body';
import type { SubscriberRecord } from '../../../src/main/subscribers/repository';

const me = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const header = {
  kind: 'changes' as const,
  from: { stationId: 's1', code: 'SD03', name: '마장동 주민센터' },
  to: { stationId: null },
  seq: 7,
  createdAt: '2026-03-02T00:00:00.000Z',
  counts: { people: 1 },
  keyFingerprint: 'X',
};
const body = { hello: '주민 홍길동', mobile: '01000000001' };

describe('stations: the .sotong envelope', () => {
  it('round-trips: signed, encrypted, nothing personal in the clear', async () => {
    const key = await deriveKey('공유 암호 12345');
    const bytes = seal(header, body, me.privateKey, key);
    expect(bytes.subarray(0, 8).toString()).toBe('SOTONGPK');
    expect(bytes.includes(Buffer.from('01000000001'))).toBe(false);
    const env = open(bytes);
    expect(env.header).toMatchObject({
      seq: 7,
      counts: { people: 1 },
      enc: { alg: 'aes-256-gcm', kdf: 'scrypt' },
    });
    checkSignature(env, me.publicKey);
    expect(await readBody(env, '공유 암호 12345')).toEqual(body);
  });

  it('another key does not verify; the wrong passphrase does not decrypt', async () => {
    const env = open(seal(header, body, me.privateKey, await deriveKey('공유 암호 12345')));
    expect(() => checkSignature(env, other.publicKey)).toThrow('서명이 맞지 않음');
    await expect(readBody(env, '공유 암호 12346')).rejects.toThrow('암호가 맞지 않습니다');
  });

  it('a header moved onto another body fails even when re-signed (the header is the cipher AAD)', async () => {
    const key = await deriveKey('공유 암호 12345');
    const a = open(seal(header, body, me.privateKey, key));
    // Re-seal the same ciphertext under a changed header: the signature is fine, decryption is not.
    const forged = open(seal({ ...header, seq: 8 }, body, me.privateKey, key));
    const spliced = { ...forged, payload: a.payload };
    await expect(readBody(spliced, '공유 암호 12345')).rejects.toThrow('암호가 맞지 않습니다');
  });

  it('receipts are signed but not encrypted', async () => {
    const env = open(seal({ ...header, kind: 'receipt' }, { ok: 1 }, me.privateKey, null));
    expect(env.header.enc).toBeNull();
    checkSignature(env, me.publicKey);
    expect(await readBody(env, null)).toEqual({ ok: 1 });
  });
});

const person = (over: Partial<SubscriberRecord> = {}): SubscriberRecord => ({
  id: 'p',
  kind: 'individual',
  name: '홍길동',
  nameChoseong: 'ㅎㄱㄷ',
  representative: null,
  businessTypeId: null,
  mobile: '01000000001',
  phoneKind: 'mobile',
  email: null,
  emailInvalidAt: null,
  birthYear: 1980,
  gender: 'M',
  dongId: 3,
  address: '마장동 1',
  status: 'active',
  note: null,
  stationId: 's',
  createdBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  ...over,
});
const wire = (over: Partial<SubscriberRecord> = {}): SubscriberWire => {
  const { nameChoseong: _n, ...rest } = person(over);
  return rest;
};

describe('stations: three-way merge of a person', () => {
  it('takes what only the station changed, keeps what only HQ changed, no conflicts', () => {
    const base = baseOf(wire());
    const r = mergeSubscriber(
      person({ note: 'HQ 메모', version: 2 }),
      wire({ address: '마장동 2', version: 2 }),
      base,
      false,
    );
    expect(r.patch).toEqual({ address: '마장동 2' });
    expect(r.conflicts).toEqual([]);
  });

  it('both changed the same field: later version wins, listed', () => {
    const base = baseOf(wire());
    const r = mergeSubscriber(
      person({ address: 'HQ 주소', version: 2 }),
      wire({ address: '동 주소', version: 3 }),
      base,
      false,
    );
    expect(r.patch).toEqual({ address: '동 주소' });
    expect(r.conflicts).toEqual([expect.objectContaining({ field: 'address', chosen: 'incoming' })]);
    const tie = mergeSubscriber(
      person({ address: 'HQ 주소', version: 3, updatedAt: '2026-02-02T00:00:00.000Z' }),
      wire({ address: '동 주소', version: 3, updatedAt: '2026-02-01T00:00:00.000Z' }),
      base,
      false,
    );
    expect(tie.patch).toEqual({});
    expect(tie.conflicts[0].chosen).toBe('local');
  });

  it('a withdrawal wins; re-subscription only with a new paper form; first meeting fills blanks', () => {
    const base = baseOf(wire());
    const withdrawnAtHq = person({ status: 'withdrawn', version: 2 });
    const r = mergeSubscriber(
      withdrawnAtHq,
      wire({ status: 'active', note: '동', version: 5 }),
      { ...base, status: 'withdrawn' },
      false,
    );
    expect(r.patch).toEqual({ note: '동' }); // the station re-activated without a form: HQ keeps the withdrawal
    expect(r.conflicts).toEqual([expect.objectContaining({ field: 'status', chosen: 'local' })]);
    const both = mergeSubscriber(
      withdrawnAtHq,
      wire({ status: 'active', version: 5, address: 'x' }),
      null,
      false,
    );
    expect(both.patch.status).toBeUndefined();
    expect(both.conflicts.find((c) => c.field === 'status')?.chosen).toBe('local');
    const withForm = mergeSubscriber(withdrawnAtHq, wire({ status: 'active', version: 5 }), null, true);
    expect(withForm.patch.status).toBe('active');
    const fill = mergeSubscriber(
      person({ email: null }),
      wire({ email: 'a@example.com', mobile: '01000000002', version: 2 }),
      null,
      false,
    );
    expect(fill.patch).toMatchObject({ email: 'a@example.com', mobile: '01000000002', phoneKind: 'mobile' });
    expect(fill.conflicts.map((c) => c.field)).toEqual(['mobile']);
  });
});
