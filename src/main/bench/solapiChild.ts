// The Solapi test server in a process of its own, for the bench: a real gateway is another
// machine, so its work must not share the sending thread (nor make the sender look faster or
// slower than it is). Talks to the bench over the fork IPC channel.
import { startSolapiServer } from '../gateways/testServers/solapi';

const [apiKey, apiSecret] = process.argv.slice(2);
startSolapiServer({ apiKey, apiSecret }).then((srv) => {
  process.send?.({ url: srv.url });
  process.on('message', (m) => {
    if (m === 'messages')
      process.send?.({
        messages: srv.messages.map(({ groupId, to, from, text }) => ({ groupId, to, from, text })),
      });
    if (m === 'close') void srv.close().then(() => process.exit(0));
  });
});
