export interface BundleSizes {
  importsHls: boolean;
  sdkOnly: number;
  iife: number;
  hlsFull: number;
  hlsLight: number;
}
export function bundleSizes(): Promise<BundleSizes>;
