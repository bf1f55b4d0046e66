// A PostgreSQL server that speaks TLS, made of the run's plain PostgreSQL and this proxy: it answers the client's
// SSLRequest with 'S' (PostgreSQL protocol, "SSL Session Encryption"), completes the TLS handshake with the given
// certificate, then tunnels the decrypted stream to the real server. Counts the TLS sessions it carried.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { TLSSocket } from 'node:tls';

const SSL_REQUEST_CODE = 80_877_103;

export class PostgresTlsProxy {
  tlsSessions = 0;
  private constructor(private readonly server: Server) {}

  static async start(options: { target: { host: string; port: number }; key: string; cert: string }): Promise<PostgresTlsProxy> {
    const proxy: PostgresTlsProxy = new PostgresTlsProxy(
      createServer((client: Socket) => {
        client.once('data', (first: Buffer) => {
          if (first.length !== 8 || first.readInt32BE(4) !== SSL_REQUEST_CODE) return client.destroy();
          client.write('S');
          const secure = new TLSSocket(client, { isServer: true, key: options.key, cert: options.cert });
          secure.on('error', () => client.destroy());
          secure.once('secure', () => {
            proxy.tlsSessions += 1;
            const upstream = connect(options.target.port, options.target.host);
            upstream.on('error', () => secure.destroy());
            secure.pipe(upstream).pipe(secure);
          });
        });
        client.on('error', () => {});
      }),
    );
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
