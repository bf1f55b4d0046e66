/**
 * Which video one file is being uploaded as, kept where the app can find it after a restart (the portal's
 * localStorage, the CLI's uploads.json), so that sending the same file again continues instead of starting over.
 * The app decides what "the same file" is.
 */
export interface ResumeState {
  /** The video this file was being uploaded as, if it was. */
  find(): Promise<string | undefined>;
  /** Called before the first byte goes out, so even an upload cut off at once can be resumed. */
  remember(videoId: string): Promise<void>;
  forget(videoId: string): Promise<void>;
}
