/**
 * Runs two tasks concurrently. The first failure aborts the other, and the promise settles only
 * once both have ended, so no process is left writing into a folder the caller may delete.
 */
export async function sideBySide<A, B>(signal: AbortSignal | undefined, first: (signal: AbortSignal) => Promise<A>, second: (signal: AbortSignal) => Promise<B>): Promise<[A, B]> {
  const siblings = new AbortController();
  const shared = signal ? AbortSignal.any([signal, siblings.signal]) : siblings.signal;
  const stopOtherOnFailure = (error: unknown): never => {
    siblings.abort();
    throw error;
  };
  const [a, b] = await Promise.allSettled([first(shared).catch(stopOtherOnFailure), second(shared).catch(stopOtherOnFailure)]);
  // The task that failed first is the cause; the other one was only aborted because of it.
  const failure = [a, b].find((result) => result.status === 'rejected' && !isAbortOf(result.reason, siblings.signal));
  if (failure?.status === 'rejected') throw failure.reason;
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}

function isAbortOf(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted && error instanceof Error && error.name === 'AbortError';
}
