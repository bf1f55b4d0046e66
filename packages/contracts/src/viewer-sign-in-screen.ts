import type { Branding } from './branding.js';

/**
 * What the player shows a viewer who must sign in before a viewers-only video plays (`playback.signInScreen`): the
 * tenant's branding, the video's poster signed for that one image (no media is reachable before sign-in), and the
 * workspace the viewer signs in to, which also keys the signed-in state the player keeps per tenant.
 */
export interface ViewerSignInScreen {
  tenantSlug: string;
  title: string;
  branding: Branding;
  posterUrl: string | null;
  /** The tenant lets anyone create an account (`viewerAuth.startSignUp`); otherwise viewers are invited. */
  signUpOpen: boolean;
}
