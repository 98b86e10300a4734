import { createServer } from 'node:http';

/**
 * The baseline: a bare node:http server answering a fixed GraphQL-shaped JSON body. Whatever the
 * real server reaches is reported as a ratio of this, measured in the same run on the same machine.
 */
const body = Buffer.from(JSON.stringify({ data: { airport: { iata: 'JFK', name: 'John F Kennedy International Airport' } } }));
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
