// A tenant's own website for the embed test: one page holding the snippet copied from the portal, served by
// a tiny HTTP server on 127.0.0.1 under another host name (Chromium maps it), so the player runs cross-site.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EmbedSite {
  origin: string;
  /** Chromium switch that sends the site's host name to 127.0.0.1. */
  resolverRule: string;
  setSnippet(html: string): void;
  close(): Promise<void>;
}

export const EMBED_HOST = 'films.embed.test';

export async function startEmbedSite(): Promise<EmbedSite> {
  let snippet = '<p>No snippet yet</p>';
  const server: Server = createServer((request, response) => {
    if (request.url !== '/') return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Films</title></head><body><h1>Our film</h1><div style="width:640px">${snippet}</div></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${EMBED_HOST}:${port}`,
    resolverRule: `--host-resolver-rules=MAP ${EMBED_HOST} 127.0.0.1`,
    setSnippet: (html) => {
      snippet = html;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
