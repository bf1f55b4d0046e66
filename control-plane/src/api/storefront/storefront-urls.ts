// The storefront's addresses: one place builds and recognises them. A tenant's store lives under /store/<slug>/.
const ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** /store/<slug>[/<rest>] */
export const STOREFRONT_PATH = /^\/store\/([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)(\/.*)?$/;
export const STOREFRONT_TITLE = new RegExp(`^/title/(${ID})$`, 'i');
export const STOREFRONT_SERIES = new RegExp(`^/series/(${ID})$`, 'i');
export const STOREFRONT_POSTER = new RegExp(`^/poster/(${ID})$`, 'i');

/** The client script of every store (tenant-neutral: it reads the tenant from the page). */
export const STOREFRONT_CLIENT_PATH = '/store-assets/storefront.js';

/** A page of the store, relative to the host (the same on the API's origin and on a tenant's custom domain). */
export function storefrontPath(slug: string, kind?: 'title' | 'series' | 'poster', id?: string): string {
  return kind && id ? `/store/${slug}/${kind}/${id}` : `/store/${slug}/`;
}
