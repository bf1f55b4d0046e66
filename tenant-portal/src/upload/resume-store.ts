// Which video each picked file is being uploaded as, kept in localStorage so that after a reload (or a
// crash) picking or dropping the same file continues instead of starting over. The browser gives no file
// path: name, size and last-modified time stand for "the same file". It is a cache, so anything unreadable
// counts as empty.

export interface ResumeEntry {
  tenantId: string;
  name: string;
  size: number;
  lastModified: number;
  videoId: string;
}

export type FileIdentity = Pick<File, 'name' | 'size' | 'lastModified'>;

export const RESUME_KEY = 'ott.portal.uploads';

export class ResumeStore {
  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'>) {}

  find(tenantId: string, file: FileIdentity): ResumeEntry | undefined {
    return this.all().find((entry) => entry.tenantId === tenantId && sameFile(entry, file));
  }

  list(tenantId: string): ResumeEntry[] {
    return this.all().filter((entry) => entry.tenantId === tenantId);
  }

  remember(entry: ResumeEntry): void {
    this.write([...this.all().filter((other) => !(other.tenantId === entry.tenantId && sameFile(other, entry))), entry]);
  }

  forget(videoId: string): void {
    const entries = this.all();
    const kept = entries.filter((entry) => entry.videoId !== videoId);
    if (kept.length !== entries.length) this.write(kept);
  }

  private all(): ResumeEntry[] {
    try {
      const value: unknown = JSON.parse(this.storage.getItem(RESUME_KEY) ?? '[]');
      return Array.isArray(value) ? value.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  private write(entries: ResumeEntry[]): void {
    this.storage.setItem(RESUME_KEY, JSON.stringify(entries));
  }
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
}

function isEntry(value: unknown): value is ResumeEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return ['tenantId', 'name', 'videoId'].every((key) => typeof entry[key] === 'string') && ['size', 'lastModified'].every((key) => typeof entry[key] === 'number');
}
