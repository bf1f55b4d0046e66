// A minimal typed event emitter: listeners keyed by event name, each typed by the map's payload.
export class TypedEmitter<Map extends object> {
  readonly #listeners = new Map<keyof Map, Set<(data: never) => void>>();

  /** Adds a listener; returns a function that removes it. */
  on<E extends keyof Map>(event: E, listener: (data: Map[E]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => this.off(event, listener);
  }

  once<E extends keyof Map>(event: E, listener: (data: Map[E]) => void): () => void {
    const off = this.on(event, (data) => {
      off();
      listener(data);
    });
    return off;
  }

  off<E extends keyof Map>(event: E, listener: (data: Map[E]) => void): void {
    this.#listeners.get(event)?.delete(listener);
  }

  emit<E extends keyof Map>(event: E, data: Map[E]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        (listener as (data: Map[E]) => void)(data);
      } catch (error) {
        // One page's broken listener must not stop the player or the other listeners.
        console.error(`ott-player: a "${String(event)}" listener threw`, error);
      }
    }
  }

  listenerCount(event: keyof Map): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  removeAllListeners(): void {
    this.#listeners.clear();
  }
}
