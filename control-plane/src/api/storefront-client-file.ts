// Where the storefront's client script is: control-plane/storefront/, an asset folder the api image ships beside its
// bundle (scripts/build-dist.mjs). Read from this file's folder, two levels under control-plane/ in the sources
// (src/api/) as in the bundle (dist/bin/), so one relative path finds it in both, as db/postgres-connection.ts finds
// the certificates.
export const STOREFRONT_CLIENT_FILE = new URL('../../storefront/storefront-client.js', import.meta.url);
