export declare const UPLOAD_CLIENT_ROOT: string;
export declare const UPLOAD_BUNDLE: string;
export declare function buildUploadBundle(): Promise<string>;
