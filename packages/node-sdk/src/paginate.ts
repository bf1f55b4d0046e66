// Async iteration over a keyset-paginated list: asks for the next page with the last page's `nextCursor`, lazily, so
// `for await (const video of ott.videos.all())` reads one page at a time and can stop early.

export interface PageLike<T> {
  data: T[];
  nextCursor?: string | null | undefined;
}

export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<PageLike<T>>): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
