// The edge benchmark's reference: the least a Node server can do to serve a file (no signature, no log).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const [port, root] = process.argv.slice(2);
createServer((request, response) => {
  const file = path.join(root!, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
  try {
    response.writeHead(200, { 'content-length': statSync(file).size, 'content-type': 'video/iso.segment' });
    createReadStream(file).pipe(response);
  } catch {
    response.writeHead(404).end();
  }
}).listen(Number(port), '127.0.0.1');
