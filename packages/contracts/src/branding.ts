export interface Branding {
  accentColor: string | null;
  logoUrl: string | null;
  showPlatformLogo: boolean;
}
