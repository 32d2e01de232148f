/**
 * What a simulator reports when its state changes (an account created, a subscription activated, ...).
 * Issue-4 webhooks listen here and send the events, signed, to the gateway; tests may listen too.
 */
export class SimEvents<E> {
  private readonly listeners = new Set<(event: E) => void>();

  /** Adds a listener; returns the function that removes it. */
  on(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: E): void {
    for (const listener of this.listeners) listener(event);
  }
}
