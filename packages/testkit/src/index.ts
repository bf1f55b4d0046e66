// @ott/testkit: one contract suite per port, registered against every adapter that can run here.
export { objectStoreContract, MIN_PART_BYTES, type ObjectStoreFixture, type ObjectStoreUnderTest } from './object-store-contract.js';
export { identityProviderContract, type IdentityProviderFixture, type IdentityProviderUnderTest, type ViewerSignIn } from './identity-provider-contract.js';
export { emailSenderContract, type DeliveredEmail, type EmailSenderFixture, type EmailSenderUnderTest } from './email-sender-contract.js';
