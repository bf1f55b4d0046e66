// Every text the player shows or announces, in one shape: a catalogue per language (en.ts, fr.ts) fills it, and
// the code reads texts only from the catalogue it was given (pick-messages.ts chooses it).
export interface PlayerMessages {
  /** BCP 47 tag of the catalogue's language, set as the player's `lang`. */
  readonly language: string;

  // Controls (labels read by screen readers, and the menus' texts).
  readonly player: string;
  readonly playerTitled: (title: string) => string;
  readonly loading: string;
  readonly play: string;
  readonly pause: string;
  readonly mute: string;
  readonly unmute: string;
  readonly volume: string;
  readonly seek: string;
  /** The seek bar's value for screen readers, from two spoken times ("1 minute 5 seconds of 3 minutes"). */
  readonly seekValue: (current: string, duration: string) => string;
  readonly hours: (count: number) => string;
  readonly minutes: (count: number) => string;
  readonly seconds: (count: number) => string;
  readonly captions: string;
  readonly captionsTrack: (number: number) => string;
  readonly captionsOff: string;
  /** A track made by speech to text: "English (automatic)". */
  readonly captionsAutomatic: (label: string) => string;
  readonly captionsSize: string;
  /** The captions menu's item that opens the size menu: "Text size: Medium". */
  readonly captionsSizeItem: (size: string) => string;
  readonly captionsSizeNames: { readonly small: string; readonly medium: string; readonly large: string };
  readonly captionsBackground: string;
  readonly captionsBackgroundItem: (state: string) => string;
  readonly backgroundOn: string;
  readonly backgroundOff: string;
  readonly audio: string;
  /** The audio button's label, with the language playing: "Audio: Français". */
  readonly audioLabel: (track: string) => string;
  readonly audioTrack: (number: number) => string;
  readonly chapters: string;
  readonly speed: string;
  readonly speedLabel: (rate: number) => string;
  readonly speedNormal: string;
  /** The overflow menu's item that opens the speed menu, with the speed chosen: "Speed: Normal". */
  readonly speedItem: (rate: string) => string;
  readonly quality: string;
  readonly qualityLabel: (chosen: string) => string;
  readonly qualityAuto: string;
  readonly qualityAutoShowing: (label: string) => string;
  readonly pictureInPicture: string;
  readonly fullscreen: string;
  readonly exitFullscreen: string;
  readonly moreControls: string;
  readonly tryAgain: string;

  // Errors shown in the player when the API or the stream gives no message of its own.
  readonly errorSignInRequired: string;
  readonly errorForbidden: string;
  readonly errorNotFound: string;
  readonly errorUnreachable: string;
  readonly errorTryLater: string;
  readonly errorUnsupportedBrowser: string;
  readonly errorOriginNotAllowed: string;
  readonly errorNotAvailableInCountry: string;
  /** `date`: when the title is published, already written in the viewer's language and time zone. */
  readonly errorNotYetAvailable: (date: string) => string;
  readonly errorNoLongerAvailable: string;
  readonly errorPaymentRequired: string;
  readonly errorUnplayable: string;
  readonly errorFragmentRetry: string;
  readonly errorAccessEnded: string;
  readonly errorStalled: string;
  readonly errorPlaybackFailed: string;

  // Signing in inside the player.
  readonly signInTitle: string;
  readonly signInTitleFor: (title: string) => string;
  readonly signInIntro: string;
  readonly email: string;
  readonly password: string;
  readonly signIn: string;
  readonly signingIn: string;
  readonly forgotPassword: string;
  readonly newPasswordTitle: string;
  readonly newPasswordIntro: string;
  readonly newPassword: string;
  readonly newPasswordHint: string;
  readonly savePassword: string;
  readonly resetTitle: string;
  readonly resetIntro: string;
  readonly sendCode: string;
  readonly codeSent: (email: string) => string;
  /** Where the tenant lets anyone create an account: the link under the sign-in form, and its two steps. */
  readonly signUpLink: string;
  readonly signUpTitle: string;
  readonly signUpIntro: string;
  readonly signUpCodeSent: (email: string) => string;
  readonly choosePassword: string;
  readonly createAccount: string;
  readonly code: string;
  readonly setNewPassword: string;
  readonly passwordChanged: string;
  readonly backToSignIn: string;
  readonly signOut: string;
  readonly signedInAs: (email: string) => string;
  readonly signInUnreachable: string;

  // The paywall: a paid title's offers, and checkout.
  readonly paywallTitleFor: (title: string) => string;
  readonly offerRent: string;
  readonly offerSubscribe: string;
  readonly offerBuy: string;
  readonly offerRentalTerms: (watchHours: number, startDays: number) => string;
  readonly offerPerMonth: (price: string) => string;
  readonly offerPerYear: (price: string) => string;
  readonly offerTrial: (days: number) => string;
  readonly offerSubscriptionTerms: string;
  readonly offerPurchaseTerms: string;
  readonly offerBundleTerms: string;
  readonly offerUpTo: (height: number) => string;
  readonly openingCheckout: string;
  readonly checkoutUnreachable: string;
  readonly confirmingPurchase: string;
  readonly purchaseNotConfirmed: string;
}
