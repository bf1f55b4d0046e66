/** The player-sdk package folder. */
export declare const SDK_ROOT: string;
/** Its build output (dist/). */
export declare const SDK_DIST: string;
/** Builds unless dist/ was built from exactly the current sources; resolves to whether it built. */
export declare function ensureBuilt(): Promise<boolean>;
