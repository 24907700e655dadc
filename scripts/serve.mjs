// The web process: Next.js behind a small Node HTTP server, so the client address comes from the
// socket (not a header a client can forge) and the process exits when its supervisor goes away.
// WEB_CONCURRENCY processes (default: one per core) share the port through node:cluster.
import cluster from 'node:cluster';
import http from 'node:http';
import next from 'next';
import { bodyRefusal } from '../lib/http/body-limits.mjs';

const CLIENT_IP_HEADER = 'x-sanad-client-ip';
const DRAIN_LIMIT = 64 * 1024 * 1024;
const port = Number(process.env.PORT || 3000);
// Loopback unless told otherwise: a local run (with its /dev/inbox of sign-in codes) is not
// reachable from the network. Behind a load balancer or in a container, set HOST=0.0.0.0.
const hostname = process.env.HOST || '127.0.0.1';
const trustProxy = process.env.TRUST_PROXY === '1';
const dev = process.env.SANAD_DEV === '1';
// Default 1: on a 2-core machine that also runs PostgreSQL and the worker, a second web process
// measured slower (docs/benchmarks.md); with more cores, raise it.
const concurrency = dev ? 1 : Math.max(1, Number(process.env.WEB_CONCURRENCY) || 1);

if (cluster.isPrimary && concurrency > 1) {
  let ready = 0;
  let stopping = false;
  for (let i = 0; i < concurrency; i++) cluster.fork();
  cluster.on('message', (_worker, msg) => {
    if (msg?.type === 'ready' && ++ready === concurrency) {
      console.log(`[web] ${concurrency} processes listening on ${hostname}:${port}`);
      process.send?.({ type: 'ready' });
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`[web] process ${worker.process.pid} exited (${signal ?? code}); stopping`);
    process.exit(1);
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on('disconnect', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
    process.exit(0);
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  process.on('disconnect', () => process.exit(0));

  const app = next({ dev, hostname, port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();
  // The hottest public endpoint is answered before Next.js routing (same function as the Next
  // route, lib/credentials/verify-api.ts): Next's per-request cost alone capped it below target.
  const { verifyApiResponse } = await import('../lib/credentials/verify-api.ts');
  // Content-Security-Policy (a nonce per page), HSTS in production and the rest, for every answer.
  const { apiHeaders, securityHeaders, securityOptionsFromEnv } =
    await import('../lib/http/security-headers.ts');
  const security = securityOptionsFromEnv(process.env);
  const secure = securityHeaders(security);
  const API_HEADERS = {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...apiHeaders(security),
  };
  // The verification page a QR scan opens is rendered here too, from the same components as its
  // Next.js route (app/verify/[code]/render.tsx); `npm run dev` leaves it to Next.js.
  const verifyPage = dev
    ? null
    : (await import('../app/verify/[code]/render.tsx')).verifyPageHandler('.next');
  if (!dev && !verifyPage)
    console.warn('[web] no stylesheets found for /verify/{code} in .next: Next.js renders it');
  // A shared document's link (/s/{token}, its /pdf and /file) is answered here too, by the same
  // functions as its Next.js routes: it is opened by people outside Sanad, often from a phone.
  const share = dev ? null : await import('../lib/locker/public-share.ts');
  const { getDb } = await import('../db/client.ts');
  const SHARE_PATH = /^\/s\/([A-Za-z0-9_-]{1,100})(\/pdf|\/file)?(?:\?.*)?$/;
  const sharedLink = (req, res) => {
    const m = req.method === 'GET' && !req.headers.rsc ? SHARE_PATH.exec(req.url) : null;
    if (!share || !m) return false;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    const request = new Request(`http://${hostname}:${port}${req.url}`, { headers });
    const answer =
      m[2] === '/pdf'
        ? share.sharedPdfResponse
        : m[2] === '/file'
          ? share.sharedFileResponse
          : share.sharePageResponse;
    answer(getDb(), request, m[1])
      .then(async (response) => {
        // As with Next.js: headers the web server set (the security policy) are kept.
        response.headers.forEach((value, name) => {
          if (!res.hasHeader(name)) res.setHeader(name, value);
        });
        const body = Buffer.from(await response.arrayBuffer());
        res.writeHead(response.status);
        res.end(body);
      })
      .catch((error) => {
        console.error('[web] GET /s/{token}:', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Something went wrong');
      });
    return true;
  };
  const fastVerify = (req, res) => {
    let code = '';
    try {
      code = decodeURIComponent(req.url.slice('/api/verify/'.length).split('?')[0]);
    } catch {
      code = '';
    }
    verifyApiResponse(code).then(
      ({ status, body }) => {
        res.writeHead(status, API_HEADERS);
        res.end(body);
      },
      (error) => {
        const ref = Math.random().toString(16).slice(2, 10).toUpperCase();
        console.error(`[error ref=${ref}] GET /api/verify:`, error);
        res.writeHead(500, API_HEADERS);
        res.end(
          JSON.stringify({
            error: 'unexpected',
            message: `Something went wrong (ref ${ref})`,
            ref,
          }),
        );
      },
    );
  };

  const server = http.createServer((req, res) => {
    // Behind a trusted proxy the last X-Forwarded-For entry is the one that proxy appended;
    // earlier entries are whatever the client sent.
    const forwarded = trustProxy
      ? String(req.headers['x-forwarded-for'] ?? '')
          .split(',')
          .pop()
          ?.trim()
      : '';
    req.headers[CLIENT_IP_HEADER] = forwarded || req.socket.remoteAddress || 'unknown';
    const refusal = bodyRefusal(req.method, req.url.split('?')[0], req.headers);
    if (refusal) {
      const [status, message] = refusal;
      res.writeHead(status, API_HEADERS);
      res.end(JSON.stringify({ error: status === 413 ? 'tooLarge' : 'lengthRequired', message }));
      // The body is read and dropped (the client is still sending it and wants the answer),
      // up to a point: a client that keeps sending is cut off.
      let drained = 0;
      req.on('data', (chunk) => {
        drained += chunk.length;
        if (drained > DRAIN_LIMIT) req.destroy();
      });
      req.resume();
      return;
    }
    if (req.method === 'GET' && req.url.startsWith('/api/verify/') && req.url.length > 12)
      return fastVerify(req, res);
    secure(req, res);
    if (verifyPage?.(req, res)) return;
    if (sharedLink(req, res)) return;
    handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    if (concurrency === 1) console.log(`[web] listening on ${hostname}:${port}`);
    process.send?.({ type: 'ready' });
  });
  server.on('error', (error) => {
    console.error(`[web] cannot listen on port ${port}: ${error.message}`);
    process.exit(1);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
