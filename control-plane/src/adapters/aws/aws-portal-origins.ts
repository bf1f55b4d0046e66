// What the portal's pages fetch from in the aws shape besides the API, for its Content-Security-Policy: tenants'
// CloudFront distributions (previews, posters, thumbnails) and their S3 buckets in each cell's region (uploads
// go straight to presigned part URLs, virtual-hosted as <bucket>.s3.<region>.amazonaws.com).
import type { AwsSettings } from './aws-settings.js';

export function awsPortalOrigins(settings: { infra: { cells: readonly { region: string }[] }; endpoints?: AwsSettings['endpoints'] }): string[] {
  const regions = [...new Set(settings.infra.cells.map((cell) => cell.region))];
  const emulator = settings.endpoints?.s3 ? [new URL(settings.endpoints.s3).origin] : [];
  return ['https://*.cloudfront.net', ...regions.map((region) => `https://*.s3.${region}.amazonaws.com`), ...emulator];
}
