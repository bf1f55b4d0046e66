// Replaced at build time with package.json's version; the fallback shows up only when running from source.
declare const __OTT_SDK_VERSION__: string | undefined;

export const SDK_VERSION: string = typeof __OTT_SDK_VERSION__ === 'string' ? __OTT_SDK_VERSION__ : '0.0.0-source';
