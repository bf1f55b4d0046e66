import { HlsConfig } from 'hls.js';

export interface Branding {
	accentColor: string | null;
	logoUrl: string | null;
	showPlatformLogo: boolean;
}
interface UnlockingOffer {
	id: string;
	kind: "subscription" | "rental" | "purchase" | "bundle";
	name: string;
	amount: number;
	currency: string;
	interval: "month" | "year" | null;
	trialDays: number;
	/** Rentals: days to start watching, then hours to finish. */
	rental: {
		startDays: number;
		watchHours: number;
	} | null;
	/** 1080: it plays up to HD (the playback grant does not reach the rungs above); null: every rung, 4K included. */
	maxHeight: number | null;
}
/** An offer that would unlock the title; amounts in the currency's minor units (cents). */
export type Offer = UnlockingOffer;
export declare enum ErrorTypes {
	/** playback.authorize refused or failed. */
	AUTHORIZATION_ERROR = "authorizationError",
	/** Loading a playlist or segment failed. */
	NETWORK_ERROR = "networkError",
	/** The browser could not decode or buffer the media. */
	MEDIA_ERROR = "mediaError",
	OTHER_ERROR = "otherError"
}
export declare enum ErrorCodes {
	/** The video needs a signed-in viewer (or the viewer's sign-in expired). */
	UNAUTHORIZED = "UNAUTHORIZED",
	/** The credential does not entitle this viewer to this video (e.g. a missing or wrong playback token). */
	FORBIDDEN = "FORBIDDEN",
	NOT_FOUND = "NOT_FOUND",
	/** The page's site is not one of the tenant's allowed embed origins; `details` says where the tenant adds it. */
	ORIGIN_NOT_ALLOWED = "ORIGIN_NOT_ALLOWED",
	/** Still processing, or processing failed. */
	NOT_READY = "NOT_READY",
	/** The title's country rule excludes where the viewer is, or the viewer's country could not be determined. */
	NOT_AVAILABLE_IN_COUNTRY = "NOT_AVAILABLE_IN_COUNTRY",
	/** The title is published later: the message says from when, in the viewer's time zone. */
	NOT_YET_AVAILABLE = "NOT_YET_AVAILABLE",
	/** A paid title this viewer has no entitlement to: the error's `offers` would unlock it (the built-in paywall shows them). */
	PAYMENT_REQUIRED = "PAYMENT_REQUIRED",
	/** The title's availability has ended. */
	NO_LONGER_AVAILABLE = "NO_LONGER_AVAILABLE",
	TOO_MANY_REQUESTS = "TOO_MANY_REQUESTS",
	/** The control plane could not be reached or answered with an error of its own. */
	AUTHORIZE_FAILED = "AUTHORIZE_FAILED",
	/** The edge refused the signed policy even after re-authorising. */
	SIGNATURE_REJECTED = "SIGNATURE_REJECTED",
	NETWORK = "NETWORK",
	MEDIA = "MEDIA",
	/** This browser plays neither HLS through Media Source Extensions nor natively. */
	UNSUPPORTED = "UNSUPPORTED"
}
export interface PlayerError {
	type: ErrorTypes;
	code: ErrorCodes;
	fatal: boolean;
	/** A sentence for a person; the player shows it when the error is fatal. */
	message: string;
	/** HTTP status behind the error, when there was one. */
	httpStatus?: number;
	/** The engine's own detail (an hls.js ErrorDetails value, or a MediaError code), or what the page's developer can do. */
	details?: string;
	/** PAYMENT_REQUIRED: the offers on sale that would unlock the title (empty when none is on sale now). */
	offers?: readonly Offer[];
}
/** A refusal the viewer can act on (wrong password, expired code…), in the API's words; or the API out of reach (`unreachable`). */
export declare class ViewerAuthError extends Error {
	readonly unreachable: boolean;
	constructor(message: string, unreachable: boolean);
}
/** What signIn() led to: playing, or a new password to choose first (call completeNewPassword). */
export type SignInResult = "signed-in" | "new-password-required";
export declare enum Events {
	/** Authorised and the stream's renditions are known: qualities can be listed, play() starts at once. */
	READY = "ready",
	/** A playback grant arrived (first load, setCredential, or a refresh before expiry). */
	AUTHORIZED = "authorized",
	PLAY = "play",
	/** Frames are moving (after play, a seek, or a stall). */
	PLAYING = "playing",
	PAUSE = "pause",
	/** Playback stopped for lack of data. */
	WAITING = "waiting",
	SEEKING = "seeking",
	SEEKED = "seeked",
	TIMEUPDATE = "timeupdate",
	DURATION_CHANGE = "duration-change",
	VOLUME_CHANGE = "volume-change",
	/** The list of qualities changed (after the manifest loads). */
	QUALITIES = "qualities",
	/** The rendition on screen changed, by the viewer's choice or adaptive bitrate. */
	QUALITY_CHANGE = "quality-change",
	RATE_CHANGE = "rate-change",
	/** The captions tracks, or the one showing, changed (the viewer's choice, the `c` key, or a remembered choice applied). */
	CAPTIONS_CHANGE = "captions-change",
	/** The audio languages, or the one playing, changed. */
	AUDIO_TRACK_CHANGE = "audio-track-change",
	/** The video's chapters are known. */
	CHAPTERS = "chapters",
	FULLSCREEN_CHANGE = "fullscreen-change",
	PIP_CHANGE = "pip-change",
	ENDED = "ended",
	ERROR = "error",
	/** A QoE report was handed to the browser for sending. */
	QOE_REPORT = "qoe-report",
	DESTROYING = "destroying",
	/** The video needs a signed-in viewer: the built-in form shows (unless `sign-in="none"`). */
	SIGN_IN_REQUIRED = "signinrequired",
	/** A viewer signed in (form or JS API), or a kept session of this tenant was used. */
	SIGNED_IN = "signedin",
	SIGNED_OUT = "signedout",
	/** A paid title this viewer has not bought: the offers that would unlock it (the built-in paywall shows them unless `paywall="none"`). */
	PAYWALL = "paywall",
	/** viewerSales.buy answered: the page is on its way to the checkout URL (or opened it in a new tab). */
	CHECKOUT_STARTED = "checkout-started"
}
export interface Quality {
	/** Index in `player.qualities`; pass it to `setQuality`. */
	index: number;
	width: number;
	height: number;
	/** Peak bits per second, from the playlist. */
	bitrate: number;
	/** e.g. "720p". */
	label: string;
}
export interface CaptionTrack {
	index: number;
	/** In the player's language; an automatic track says so: "English (automatic)". */
	label: string;
	language: string;
	/** Made by speech to text, not by a person. */
	automatic: boolean;
}
export interface AudioTrack {
	index: number;
	label: string;
	language: string;
}
export interface Chapter {
	index: number;
	/** Seconds from the start of the video. */
	start: number;
	end: number;
	title: string;
}
/** How captions look; the viewer's choice is remembered on the site. Colours and fonts are `--ott-captions-*` CSS variables. */
export interface CaptionsStyle {
	size: "small" | "medium" | "large";
	/** A dark box behind the text (else an outline only). */
	background: boolean;
}
export interface ReadyData {
	title: string;
	duration: number;
	qualities: readonly Quality[];
	/** `hls.js` (Media Source Extensions) or `native` (Safari's own HLS). */
	engine: "hls.js" | "native";
}
export interface AuthorizedData {
	title: string;
	expiresAt: Date;
	branding: Branding;
	/** True when this grant replaced an earlier one without reloading the stream. */
	refreshed: boolean;
}
export interface TimeData {
	currentTime: number;
	duration: number;
}
export interface VolumeData {
	volume: number;
	muted: boolean;
}
export interface QualitiesData {
	qualities: readonly Quality[];
}
export interface QualityChangeData extends Quality {
	/** Whether adaptive bitrate picked it (the viewer chose "Auto"). */
	auto: boolean;
}
export interface RateChangeData {
	rate: number;
}
export interface CaptionsChangeData {
	/** The track now showing, or null when captions are off. */
	track: CaptionTrack | null;
	tracks: readonly CaptionTrack[];
}
export interface AudioTrackChangeData {
	/** The audio playing, or null when the stream has no alternative audio. */
	track: AudioTrack | null;
	tracks: readonly AudioTrack[];
}
export interface ChaptersData {
	chapters: readonly Chapter[];
}
export interface FullscreenChangeData {
	fullscreen: boolean;
}
export interface PipChangeData {
	pictureInPicture: boolean;
}
export interface QoeReportData {
	/** The playback session the control plane opened with the first grant; undefined until then (nothing is reported without one). */
	sessionId: string | undefined;
	videoId: string;
	startupMs: number | null;
	rebufferMs: number;
	rebufferCount: number;
	bitrateSwitches: number;
	errors: number;
	watchedSeconds: number;
	/** Where the viewer is in the video (s); null before it has played. A signed-in viewer's is kept to resume from. */
	positionSeconds: number | null;
	/** This player's version (SDK_VERSION), for the tenant's analytics. */
	playerVersion: string;
	/** The code of the session's first error (an ErrorCodes value); null while none. */
	errorCode: string | null;
	/** The height of the rendition the first frame was shown in; null until then or when not known. */
	firstFrameHeight: number | null;
	/** Media seconds watched in each rendition (at most the 16 a ladder can have). */
	renditions: QoeRendition[];
}
/** Seconds watched in one rendition of the ladder. */
export interface QoeRendition {
	height: number;
	/** The rendition's peak bitrate, kilobits per second. */
	bitrateKbps: number;
	seconds: number;
}
export interface SignInRequiredData {
	/** Why, in words for the viewer (no credential, or one that has expired). */
	message: string;
}
export interface SignedInData {
	email: string;
	/** When the viewer's sign-in ends; the form shows again after that. */
	expiresAt: Date;
}
export interface PaywallData {
	/** The offers on sale that would unlock the title; empty when none is on sale now. */
	offers: readonly Offer[];
	/** Why, in words for the viewer ("Your rental of this title has ended…"). */
	message: string;
}
export interface CheckoutStartedData {
	offerId: string;
	/** The checkout page on the tenant's Stripe account. */
	url: string;
	/** 'top': the page itself went there; 'new-tab': the player is in a frame that may not navigate the page. */
	opened: "top" | "new-tab";
}
export type EmptyData = Record<string, never>;
export interface PlayerEventMap {
	[Events.READY]: ReadyData;
	[Events.AUTHORIZED]: AuthorizedData;
	[Events.PLAY]: TimeData;
	[Events.PLAYING]: TimeData;
	[Events.PAUSE]: TimeData;
	[Events.WAITING]: TimeData;
	[Events.SEEKING]: TimeData;
	[Events.SEEKED]: TimeData;
	[Events.TIMEUPDATE]: TimeData;
	[Events.DURATION_CHANGE]: TimeData;
	[Events.VOLUME_CHANGE]: VolumeData;
	[Events.QUALITIES]: QualitiesData;
	[Events.QUALITY_CHANGE]: QualityChangeData;
	[Events.RATE_CHANGE]: RateChangeData;
	[Events.CAPTIONS_CHANGE]: CaptionsChangeData;
	[Events.AUDIO_TRACK_CHANGE]: AudioTrackChangeData;
	[Events.CHAPTERS]: ChaptersData;
	[Events.FULLSCREEN_CHANGE]: FullscreenChangeData;
	[Events.PIP_CHANGE]: PipChangeData;
	[Events.ENDED]: TimeData;
	[Events.ERROR]: PlayerError;
	[Events.QOE_REPORT]: QoeReportData;
	[Events.DESTROYING]: EmptyData;
	[Events.SIGN_IN_REQUIRED]: SignInRequiredData;
	[Events.SIGNED_IN]: SignedInData;
	[Events.SIGNED_OUT]: EmptyData;
	[Events.PAYWALL]: PaywallData;
	[Events.CHECKOUT_STARTED]: CheckoutStartedData;
}
export type PlayerListener<E extends Events> = (data: PlayerEventMap[E]) => void;
/** The element's DOM events: `el.addEventListener('quality-change', (e) => e.detail.height)`. */
export type OttPlayerElementEventMap = {
	[E in Events as `${E}`]: CustomEvent<PlayerEventMap[E]>;
};
export type CredentialSource = () => string | null | undefined | Promise<string | null | undefined>;
export interface PlayerOptions {
	/** The video to play (its id in OTT Cloud). */
	videoId: string;
	/** Base URL of the OTT Cloud API, e.g. `https://api.example.com`. */
	api: string;
	/** A viewer's JWT from the tenant's viewer pool, or a playback token the tenant's backend signed. */
	credential?: string;
	/**
	 * Asked before every authorisation (the first, each refresh, each retry); return a fresh credential, or
	 * nothing to fall back to `credential`. Lets a site hand over short-lived tokens as they rotate.
	 */
	getCredential?: CredentialSource;
	autoplay?: boolean;
	muted?: boolean;
	/** Start again from the beginning at the end. */
	loop?: boolean;
	/**
	 * 'metadata' (the default without autoplay) fetches only the playlists until the viewer presses play, so
	 * views that never play cost no video egress; 'auto' buffers right away for the quickest start.
	 */
	preload?: "auto" | "metadata";
	/** Seconds into the video to start from. */
	startTime?: number;
	/** Report quality of experience to the API (default true). */
	qoe?: boolean;
	/** How often QoE totals are sent while playing (default 30 s); they are also sent when the page hides. */
	qoeIntervalMs?: number;
	/** Force an engine; by default hls.js where Media Source Extensions exist, else the browser's own HLS. */
	engine?: "auto" | "hls.js" | "native";
	/** Passed to hls.js as is, over the player's settings. */
	hlsConfig?: Partial<HlsConfig>;
	/**
	 * 'built-in' (the default): a viewers-only video shows a sign-in form in the player, and the viewer's session is kept
	 * per tenant on this site. 'none': for tenants with their own identity; the player only emits `signinrequired` and
	 * shows the message (pass the viewer's token as `credential`, or sign in through the JS API).
	 */
	signIn?: "built-in" | "none";
	/**
	 * 'built-in' (the default): a paid title the viewer has not bought shows its offers in the player, and a button
	 * opens checkout. 'none': for tenants with their own paywall; the player emits `paywall` with the offers and shows
	 * the message (call `buy(offerId)` to open checkout).
	 */
	paywall?: "built-in" | "none";
	/** Where checkout returns the viewer (paid or not); by default the embedding page's address. Must be on the tenant's own site. */
	checkoutReturnUrl?: string;
	/** The player's language (`en`, `fr`); by default the browser's, else English. */
	lang?: string;
	/** For tests and special environments. */
	fetch?: typeof fetch;
}
export declare class OttPlayer {
	#private;
	/** The element the player lives in (its shadow root holds the video and controls). */
	readonly element: HTMLElement;
	readonly video: HTMLVideoElement;
	constructor(element: HTMLElement, options: PlayerOptions);
	/** Listen to a player event; returns a function that removes the listener. */
	on<E extends Events>(event: E, listener: (data: PlayerEventMap[E]) => void): () => void;
	once<E extends Events>(event: E, listener: (data: PlayerEventMap[E]) => void): () => void;
	off<E extends Events>(event: E, listener: (data: PlayerEventMap[E]) => void): void;
	get ready(): boolean;
	/** This load's playback session, as the control plane opened it with the first grant (QoE rows are keyed by it); undefined until then. */
	get sessionId(): string | undefined;
	get title(): string;
	/** When the current playback grant ends (the player renews it before then). */
	get grantExpiresAt(): Date | undefined;
	get engine(): "hls.js" | "native" | undefined;
	get currentTime(): number;
	get duration(): number;
	get paused(): boolean;
	get volume(): number;
	get muted(): boolean;
	get playbackRate(): number;
	get qualities(): readonly Quality[];
	/** The chosen quality's index, or -1 for automatic. */
	get selectedQuality(): number;
	/** The quality on screen now. */
	get currentQuality(): Quality | undefined;
	/** The captions the viewer may choose (forced subtitles are not listed: they show by themselves). */
	get captionTracks(): readonly CaptionTrack[];
	/** The index of the captions showing, or -1 (also while forced subtitles show). */
	get captionsIndex(): number;
	get captionsStyle(): CaptionsStyle;
	/** The stream's audio languages (with hls.js; Safari's own HLS offers them in its own menus). */
	get audioTracks(): readonly AudioTrack[];
	/** The index of the audio playing, or -1 when the stream has no alternative audio. */
	get audioTrackIndex(): number;
	/** The video's chapters, in time order; empty until loaded (see Events.CHAPTERS) or when it has none. */
	get chapters(): readonly Chapter[];
	/** The fatal error on screen, if any. */
	get error(): PlayerError | undefined;
	/** QoE totals so far. */
	get qoe(): QoeReportData;
	play(): Promise<void>;
	pause(): void;
	seek(seconds: number): void;
	setVolume(volume: number): void;
	setMuted(muted: boolean): void;
	setPlaybackRate(rate: number): void;
	/** Choose a quality by index in `qualities`, or -1 for automatic. */
	setQuality(index: number): void;
	/** Show the captions track at `index` of `captionTracks`, or turn captions off with -1; remembered for the next videos. */
	setCaptions(index: number): void;
	/** Play the audio at `index` of `audioTracks`; its language is remembered for the next videos. */
	setAudioTrack(index: number): void;
	/** Change how captions look; remembered for the next videos. */
	setCaptionsStyle(style: Partial<CaptionsStyle>): void;
	toggleFullscreen(): Promise<void>;
	togglePictureInPicture(): Promise<void>;
	/**
	 * Use another credential (after the viewer signs in, or with a fresh token). Playing videos keep playing
	 * under the new grant; a player showing an error starts over.
	 */
	setCredential(credential: string | undefined): Promise<void>;
	/**
	 * Authorise again now, after the video changed (renamed, finished transcoding, branded anew): the title, poster
	 * and duration shown follow it, and playback goes on. A player showing an error starts over.
	 */
	refresh(): Promise<void>;
	/** The viewer signed in through the player (form, JS API or a kept session of this tenant), if any. */
	get viewerEmail(): string | undefined;
	/**
	 * Signs a viewer of the video's tenant in; the video then plays under their token, and the session is kept for
	 * this tenant's other embeds on the site. 'new-password-required' after an invitation's temporary password: call
	 * completeNewPassword. Refusals throw a ViewerAuthError whose message is written for the viewer.
	 */
	signIn(email: string, password: string): Promise<SignInResult>;
	/** The first sign-in's new password (after signIn answered 'new-password-required'). */
	completeNewPassword(newPassword: string): Promise<void>;
	/** Emails the viewer a code to reset a forgotten password (the answer is the same whether or not they have an account). */
	requestPasswordReset(email: string): Promise<void>;
	/** Sets a new password with the emailed code, then signs in with it. */
	confirmPasswordReset(email: string, code: string, newPassword: string): Promise<SignInResult>;
	/** Emails a code to confirm the address of a new account, where the tenant lets anyone create one. */
	startSignUp(email: string): Promise<void>;
	/** Creates the viewer's account with the emailed code and the password they chose, then plays as them. */
	completeSignUp(email: string, code: string, password: string): Promise<void>;
	/** Signs the viewer out of this tenant on this site; the video asks for a sign-in again. */
	signOut(): Promise<void>;
	/** The offers that would unlock this title, after a `paywall` event; empty otherwise. */
	get offers(): readonly Offer[];
	/**
	 * Opens checkout for one of `offers` as the signed-in viewer: the page goes to the checkout page on the tenant's
	 * Stripe account (or a new tab, in a frame that may not navigate the page) and comes back to `checkoutReturnUrl`
	 * (default: this page), where the player plays once the purchase is confirmed. Resolves with the checkout URL;
	 * refusals throw a ViewerAuthError whose message is written for the viewer.
	 */
	buy(offerId: string): Promise<string>;
	/** Start over from the current position: authorise again and reload the stream. */
	reload(): Promise<void>;
	/** Stops playback and removes every listener, timer, request and the hls.js instance. */
	destroy(): void;
}
export declare function createPlayer(element: HTMLElement, options: PlayerOptions): OttPlayer;
/** Registers <ott-player> once; safe to call from several bundles on one page. */
export declare function defineOttPlayer(registry?: CustomElementRegistry | undefined): void;
declare const ATTRIBUTES: readonly [
	"video-id",
	"api",
	"credential",
	"autoplay",
	"muted",
	"loop",
	"start-time",
	"lang",
	"sign-in",
	"paywall",
	"checkout-return-url"
];
/** Options that only JavaScript can set; the rest come from attributes. */
export type ElementOptions = Omit<PlayerOptions, "videoId" | "api" | "credential" | "autoplay" | "muted" | "loop" | "startTime" | "lang" | "signIn" | "paywall" | "checkoutReturnUrl">;
declare const Base: typeof HTMLElement;
export declare class OttPlayerElement extends Base {
	#private;
	static readonly observedAttributes: readonly [
		"video-id",
		"api",
		"credential",
		"autoplay",
		"muted",
		"loop",
		"start-time",
		"lang",
		"sign-in",
		"paywall",
		"checkout-return-url"
	];
	/** The running player, once the element is connected with a video-id and an api. */
	get player(): OttPlayer | undefined;
	get videoId(): string;
	set videoId(value: string);
	get api(): string;
	set api(value: string);
	/** Sets JavaScript-only options (getCredential, qoe, engine, hlsConfig…) and restarts the player with them. */
	configure(options: ElementOptions): void;
	/** Starts a player with these options (what createPlayer does); attributes stop driving it. */
	load(options: PlayerOptions): OttPlayer;
	/** Use another credential; the running player keeps playing under the new grant. */
	setCredential(credential: string | undefined): Promise<void>;
	play(): Promise<void>;
	pause(): void;
	destroy(): void;
	connectedCallback(): void;
	disconnectedCallback(): void;
	attributeChangedCallback(name: (typeof ATTRIBUTES)[number], previous: string | null, next: string | null): void;
}
export interface OttPlayerElement {
	addEventListener<K extends keyof OttPlayerElementEventMap>(type: K, listener: (this: OttPlayerElement, event: OttPlayerElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
	addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
	removeEventListener<K extends keyof OttPlayerElementEventMap>(type: K, listener: (this: OttPlayerElement, event: OttPlayerElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
	removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
/** `url` with any CloudFront signing parameters removed and `signingQuery` appended; the rest is kept as written. */
export declare function withSigningQuery(url: string, signingQuery: string): string;
export declare const SDK_VERSION: string;
/** The languages the player speaks, as primary language subtags. */
export declare const PLAYER_LANGUAGES: readonly string[];

export {};
