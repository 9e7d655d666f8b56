import { createServer } from 'node:http';

/**
 * The bare `node:http` baseline, run as its own process like the services: it reads the JSON body,
 * parses it, and answers 201 with BENCH_BODY (what maintenance answers, byte for byte). Nothing else:
 * no validation, no token, no database. It reports readiness on /health/ready like the services.
 */
const body = process.env['BENCH_BODY'] ?? '{}';
const server = createServer((request, response) => {
  if (request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      response.writeHead(400).end();
      return;
    }
    response.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
});
server.listen(Number(process.env['PORT'] ?? 0), process.env['HOST'] ?? '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
