// Where the storefront's client script is: control-plane/storefront/, an asset folder the api image ships beside its
// bundle (scripts/build-dist.mjs). Read from this file's folder, two levels under control-plane/ in the sources
// (src/api/) as in the bundle (dist/bin/), so one relative path finds it in both, as db/postgres-connection.ts finds
// the certificates. The built image also carries a minified copy the build writes beside it, served instead: the
// sources serve the readable script itself.
import { existsSync } from 'node:fs';

const FOLDER = new URL('../../storefront/', import.meta.url);
const STOREFRONT_CLIENT_FILE = new URL('storefront-client.js', FOLDER);
const STOREFRONT_CLIENT_MINIFIED_FILE = new URL('storefront-client.min.js', FOLDER);

/** The script to serve: the minified copy in a built image, the readable one in the sources. */
export function storefrontClientFile(): URL {
  return existsSync(STOREFRONT_CLIENT_MINIFIED_FILE) ? STOREFRONT_CLIENT_MINIFIED_FILE : STOREFRONT_CLIENT_FILE;
}
