// What the tenant's developer must fix (the viewer sees a plain sentence in the player): written to the page's
// console once per page, however many players on it or reloads of them meet it.
const warned = new Set<string>();

export function warnDeveloperOnce(text: string): void {
  if (warned.has(text)) return;
  warned.add(text);
  console.warn(`ott-player: ${text}`);
}
