import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface Received {
  mailFrom: SMTPServerAddress;
  rcptTo: SMTPServerAddress[];
  raw: string;
}

/** An SMTP sink on 127.0.0.1 (smtp-server): DSN advertised, chosen addresses refused with 5xx/4xx. */
export async function startSink(
  opts: {
    /** RCPT → reply code to refuse with, or null to accept */
    rcpt?: (address: string) => number | null;
  } = {},
) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    hideDSN: false,
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, cb) {
      const code = opts.rcpt?.(address.address) ?? null;
      if (code) {
        const err = new Error(code >= 500 ? 'No such user here' : 'Try again later') as Error & {
          responseCode: number;
        };
        err.responseCode = code;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          mailFrom: session.envelope.mailFrom as SMTPServerAddress,
          rcptTo: session.envelope.rcptTo,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
