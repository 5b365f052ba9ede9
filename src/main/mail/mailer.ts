import nodemailer, { type Transporter } from 'nodemailer';

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string | null;
  fromName: string;
  fromAddress: string;
  bounceDomain: string;
  maxConnections: number;
  /** messages per second; 0 = as fast as the pool goes */
  ratePerSecond: number;
}

export interface MailMessage {
  /** the outbox token: Message-ID, VERP envelope sender and DSN envelope id */
  token: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  unsubscribeUrl: string | null;
}

export type MailResult =
  | { status: 'accepted'; messageId: string; code: string }
  | {
      status: 'failed';
      /** a 5xx at RCPT: the address does not exist (the subscriber's email is marked invalid) */
      hard: boolean;
      code: string;
      reason: string;
    }
  | {
      status: 'retry';
      code: string;
      reason: string;
      /** the server or the connection is at fault, not this address (counts towards auto-pause) */
      systemic: boolean;
    }
  /** the connection broke while the message was being handed over: it may have gone */
  | { status: 'unknown'; code: string; reason: string };

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

/** SMTP outcome → what the dispatcher does with the row, with a Korean reason. */
export function classifySmtpError(e: SmtpError): Exclude<MailResult, { status: 'accepted' }> {
  const rc = e.responseCode;
  const cmd = (e.command ?? '').toUpperCase();
  const said = (e.response ?? '').slice(0, 120);
  if (rc && rc >= 500) {
    if (cmd.startsWith('RCPT') || e.code === 'EENVELOPE')
      return {
        status: 'failed',
        hard: true,
        code: String(rc),
        reason: `받는 메일 서버가 주소를 거부했습니다 (${rc}: 없는 주소이거나 받을 수 없는 주소)${said ? ` — ${said}` : ''}`,
      };
    if (e.code === 'EAUTH')
      return {
        status: 'retry',
        code: 'EAUTH',
        reason: 'SMTP 로그인에 실패했습니다 (아이디·비밀번호 확인)',
        systemic: true,
      };
    if (cmd.startsWith('MAIL'))
      return {
        status: 'retry',
        code: String(rc),
        reason: `보내는 주소를 메일 서버가 거부했습니다 (${rc})`,
        systemic: true,
      };
    return {
      status: 'failed',
      hard: false,
      code: String(rc),
      reason: `메일 서버가 메시지를 거부했습니다 (${rc})${said ? ` — ${said}` : ''}`,
    };
  }
  if (rc && rc >= 400)
    return {
      status: 'retry',
      code: String(rc),
      reason: `메일 서버의 일시적 오류 (${rc}), 나중에 다시 보냅니다`,
      systemic: !cmd.startsWith('RCPT'),
    };
  if (e.code === 'EAUTH')
    return {
      status: 'retry',
      code: 'EAUTH',
      reason: 'SMTP 로그인에 실패했습니다 (아이디·비밀번호 확인)',
      systemic: true,
    };
  // No reply code: the connection failed. During DATA the server may already have the message.
  if (cmd === 'DATA' || cmd === 'DATA END' || e.code === 'ESTREAM')
    return {
      status: 'unknown',
      code: e.code ?? 'ESOCKET',
      reason: '메시지를 넘기는 중 연결이 끊겨 전달 여부를 알 수 없습니다',
    };
  return {
    status: 'retry',
    code: e.code ?? 'ECONNECTION',
    reason: '메일 서버에 연결할 수 없습니다 (주소·포트·네트워크 확인)',
    systemic: true,
  };
}

function domainOf(addr: string): string {
  return addr.slice(addr.lastIndexOf('@') + 1) || 'localhost';
}

/**
 * SMTP through nodemailer's pool (maxMessages Infinity: reconnecting every 100 messages costs a
 * third of the throughput). Each message carries its own envelope sender (VERP,
 * bounce+<token>@bounceDomain) and asks for a DSN on failure, so the bounce mailbox can tie a
 * returned mail to its outbox row.
 */
export class SmtpMailer {
  private transport: Transporter;

  constructor(readonly cfg: SmtpConfig) {
    this.transport = nodemailer.createTransport({
      pool: true,
      host: cfg.host,
      port: cfg.port,
      secure: cfg.secure,
      auth: cfg.user ? { user: cfg.user, pass: cfg.password ?? '' } : undefined,
      maxConnections: cfg.maxConnections,
      maxMessages: Number.POSITIVE_INFINITY,
      ...(cfg.ratePerSecond > 0 ? { rateDelta: 1000, rateLimit: cfg.ratePerSecond } : {}),
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
  }

  envelopeFrom(token: string): string {
    return this.cfg.bounceDomain ? `bounce+${token}@${this.cfg.bounceDomain}` : this.cfg.fromAddress;
  }

  async send(m: MailMessage): Promise<MailResult> {
    const headers: Record<string, string> = { 'X-Sotong-Token': m.token };
    if (m.unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${m.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    try {
      const info = await this.transport.sendMail({
        from: { name: this.cfg.fromName, address: this.cfg.fromAddress },
        to: m.to,
        subject: m.subject,
        html: m.html,
        text: m.text,
        messageId: `<${m.token}@${this.cfg.bounceDomain || domainOf(this.cfg.fromAddress)}>`,
        envelope: { from: this.envelopeFrom(m.token), to: [m.to] },
        dsn: { id: m.token, return: 'headers', notify: ['failure'], recipient: m.to },
        headers,
      });
      if (info.rejected?.length) {
        const err = (info as { rejectedErrors?: SmtpError[] }).rejectedErrors?.[0] ?? {
          name: 'Error',
          message: 'rejected',
          responseCode: 550,
          command: 'RCPT TO',
        };
        return classifySmtpError(err);
      }
      return { status: 'accepted', messageId: info.messageId, code: (info.response ?? '250').slice(0, 3) };
    } catch (e) {
      return classifySmtpError(e as SmtpError);
    }
  }

  close(): void {
    this.transport.close();
  }
}
