// The SMTP sink (smtp-server) in a process of its own, for the bench: a real mail server is another
// machine, so its parsing must not share the sending thread. Talks to the bench over fork IPC.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  hideDSN: false,
  logger: false,
  onData(stream, _s, cb) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received++;
      cb();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.server.address() as AddressInfo).port });
});
process.on('message', (m) => {
  if (m === 'count') process.send?.({ count: received });
  if (m === 'close') server.close(() => process.exit(0));
});
