import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { countSmsBytes } from '../../shared/text/smsBytes';
import { reasonFor } from './codes';
import type { DeliveryStatus, GatewayInfo, SendResult, SmsGateway, SmsMessage } from './types';

export interface TestGatewayOptions {
  failureRate: number;
  deliveryDelayMs: number;
}

interface Stored {
  idemKey: string;
  outcome: 'delivered' | 'failed';
  code: string;
  deliverAt: string;
  calls: number;
}

/** Same key, same fate: a rerun of a test gives the same failures. */
function simulatedFailure(key: string, rate: number): boolean {
  if (rate <= 0) return false;
  const h = createHash('sha256').update(key).digest().readUInt32BE(0);
  return h / 0x1_0000_0000 < rate;
}

/**
 * The default gateway of a fresh install: it sends nothing. It records every message in its own
 * table (test_gateway_messages), honours the idempotency key (a repeated key is answered with the
 * original result and only counted), and reports delivery after a configurable delay with a
 * configurable failure rate.
 */
export class TestSmsGateway implements SmsGateway {
  readonly maxBatch = 1000;
  readonly honoursIdempotencyKey = true;
  readonly canQueryStatus = true;
  private st: Record<string, Database.Statement>;

  constructor(
    private sqlite: Database.Database,
    private opts: () => TestGatewayOptions,
    private now: () => Date,
  ) {
    this.st = {
      insert:
        sqlite.prepare(`INSERT INTO test_gateway_messages (idem_key, recipient, sender, class, subject, text,
          outcome, code, calls, received_at, deliver_at)
        VALUES (@key, @to, @from, @class, @subject, @text, @outcome, @code, 1, @at, @deliverAt)
        ON CONFLICT(idem_key) DO UPDATE SET calls = calls + 1
        RETURNING idem_key AS idemKey, outcome, code, deliver_at AS deliverAt, calls`),
      byKey: sqlite.prepare(
        'SELECT idem_key AS idemKey, outcome, code, deliver_at AS deliverAt, calls FROM test_gateway_messages WHERE idem_key = ?',
      ),
    };
  }

  describe(): GatewayInfo {
    return {
      name: '테스트 발송기',
      real: false,
      notice:
        '실제로 발송되지 않습니다. 테스트 발송기는 문자를 이 컴퓨터에 기록만 하고, 전달 결과를 흉내 냅니다. 실제 발송은 관리자가 문자 발송 업체를 설정한 뒤에 할 수 있습니다.',
    };
  }

  async sendBatch(messages: SmsMessage[]): Promise<SendResult[]> {
    const { failureRate, deliveryDelayMs } = this.opts();
    const now = this.now();
    const at = now.toISOString();
    const deliverAt = new Date(now.getTime() + deliveryDelayMs).toISOString();
    const run = this.sqlite.transaction((chunk: SmsMessage[]) =>
      chunk.map((m): SendResult => {
        let code = simulatedFailure(m.key, failureRate) ? 'T_FAIL' : 'OK';
        if (!/^010\d{8}$/.test(m.to)) code = 'T_BAD_NUMBER';
        else if (countSmsBytes(m.text).bytes > 2000) code = 'T_TOO_LONG';
        const row = this.st.insert.get({
          key: m.key,
          to: m.to,
          from: m.from,
          class: m.class,
          subject: m.subject,
          text: m.text,
          outcome: code === 'OK' ? 'delivered' : 'failed',
          code,
          at,
          deliverAt,
        }) as Stored;
        // A number the gateway rejects outright fails at once; everything else is only accepted.
        if (row.code === 'T_BAD_NUMBER' || row.code === 'T_TOO_LONG')
          return { key: m.key, status: 'failed', code: row.code, reason: reasonFor('test', row.code) };
        return { key: m.key, status: 'accepted', providerId: `test-${row.idemKey}`, code: 'ACCEPTED' };
      }),
    );
    // Chunks with a yield between them: the test gateway runs inside the app's process.
    const out: SendResult[] = [];
    for (let i = 0; i < messages.length; i += 100) {
      if (i > 0) await new Promise<void>((r) => setImmediate(r));
      out.push(...run(messages.slice(i, i + 100)));
    }
    return out;
  }

  async queryStatus(keys: string[]): Promise<DeliveryStatus[]> {
    const now = this.now().toISOString();
    return keys.map((key): DeliveryStatus => {
      const row = this.st.byKey.get(key) as Stored | undefined;
      if (!row) return { key, status: 'unknown' };
      if (row.deliverAt > now && row.code !== 'T_BAD_NUMBER' && row.code !== 'T_TOO_LONG')
        return { key, status: 'accepted', providerId: `test-${key}`, code: 'ACCEPTED' };
      return {
        key,
        status: row.outcome === 'delivered' ? 'delivered' : 'failed',
        providerId: `test-${key}`,
        code: row.code,
        reason: reasonFor('test', row.code),
      };
    });
  }
}
