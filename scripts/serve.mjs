// The web process: Next.js behind a small Node HTTP server, so the client address comes from the
// socket (not a header a client can forge) and the process exits when its supervisor goes away.
import http from 'node:http';
import next from 'next';

const CLIENT_IP_HEADER = 'x-sanad-client-ip';
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || '0.0.0.0';
const trustProxy = process.env.TRUST_PROXY === '1';
const dev = process.env.SANAD_DEV === '1';

process.on('disconnect', () => process.exit(0));

const app = next({ dev, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  // Behind a trusted proxy the last X-Forwarded-For entry is the one that proxy appended; earlier
  // entries are whatever the client sent.
  const forwarded = trustProxy
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .pop()
        ?.trim()
    : '';
  req.headers[CLIENT_IP_HEADER] = forwarded || req.socket.remoteAddress || 'unknown';
  handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`[web] listening on ${hostname}:${port}`);
  process.send?.({ type: 'ready' });
});
server.on('error', (error) => {
  console.error(`[web] cannot listen on port ${port}: ${error.message}`);
  process.exit(1);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
