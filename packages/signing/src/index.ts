export { buildCustomPolicy, type CustomPolicyInput } from './custom-policy.js';
export { decodeCloudFrontBase64, encodeCloudFrontBase64 } from './cloudfront-base64.js';
export { verifySignedAccess, type SignedAccessContext, type SignedAccessCredentials, type SignedAccessRefusal, type SignedAccessResult } from './verify-signed-access.js';
export { cidrContains, parseCidr, type Cidr } from './cidr.js';
export { parseIpAddress, type IpAddress } from './ip-address.js';
