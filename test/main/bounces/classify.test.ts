import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../../src/main/bounces/classify';
import { addressOf, enhancedCode, kindOf } from '../../../src/main/bounces/dsn';
import { findVerpTokens, verpAddress } from '../../../src/main/bounces/verp';

describe('반송 읽기: 작은 부품', () => {
  it('VERP 주소를 만들고 다시 찾는다 (비슷한 주소는 무시)', () => {
    const tok = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
    expect(verpAddress(tok, 'news.example.go.kr')).toBe(`bounce+${tok}@news.example.go.kr`);
    expect(findVerpTokens(`To: <bounce+${tok}@news.example.go.kr>\nReturn-Path: <bounce+${tok}@x>`)).toEqual([
      tok,
    ]);
    expect(findVerpTokens('To: bounce+xxxx=yyyyyy.net@zzzzzzzz.net')).toEqual([]);
    expect(findVerpTokens('To: nobounce+aaaaaaaaaaaaaaaaaaaaaaaaaa@x')).toEqual([]);
  });

  it('상태 코드와 종류: 5.x.x 영구, 4.x.x 일시, 코드 없으면 문구로', () => {
    expect(enhancedCode('smtp; 550 5.1.1 <a@b.c>... User unknown')).toBe('5.1.1');
    expect(enhancedCode('550 #5.1.0 Address rejected.')).toBe('5.1.0');
    expect(enhancedCode('IP 192.0.2.153')).toBeNull();
    expect(kindOf('5.2.2', 'failed', '')).toBe('hard');
    expect(kindOf('4.4.7', 'failed', '')).toBe('soft');
    expect(kindOf(null, 'delayed', '')).toBe('soft');
    expect(kindOf(null, null, 'Delivery to the following recipient failed permanently')).toBe('hard');
    expect(kindOf(null, null, 'Mailbox full')).toBe('soft');
    expect(kindOf(null, null, 'unknown host')).toBe('hard');
    expect(addressOf('rfc822; <Kim.MinJi@Example.NET>')).toBe('kim.minji@example.net');
    expect(addressOf('X-Unix; |/usr/bin/procmail')).toBeNull();
  });

  it('깨진 메일에도 멈추지 않는다', async () => {
    const bad = [
      Buffer.alloc(0),
      randomBytes(4096),
      Buffer.from(
        'Content-Type: multipart/report; boundary="x"\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient',
      ),
      Buffer.from(`Subject: ${'a'.repeat(200_000)}\r\n\r\nbody`),
      Buffer.from('From: MAILER-DAEMON@x\r\nContent-Type: multipart/mixed; boundary=""\r\n\r\n--\r\n--\r\n'),
    ];
    for (const raw of bad) {
      const r = await classifyMessage(raw);
      expect(['not-a-bounce', 'hard', 'soft']).toContain(r.classification);
    }
  });
});
