/**
 * Signals connect a part that reports something to parts built after it, without the reporter
 * holding a reference that is unset at first: the signal exists before both, and listeners are
 * added once their part is built. What happens before a listener exists reaches no one.
 */

/** A synchronous "something happened" (a message was queued). */
export interface Notifier {
  notify(): void;
  subscribe(listener: () => void): void;
}

/** A change that listeners act on in turn; `emit` waits for them, and their failures reach the emitter. */
export interface Signal<T> {
  emit(value: T): Promise<void>;
  subscribe(listener: (value: T) => Promise<void>): void;
}

/** A notifier with no listener yet. */
export function createNotifier(): Notifier {
  const listeners: Array<() => void> = [];
  return {
    notify() {
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.push(listener);
    },
  };
}

/** A signal with no listener yet. */
export function createSignal<T>(): Signal<T> {
  const listeners: Array<(value: T) => Promise<void>> = [];
  return {
    async emit(value) {
      for (const listener of listeners) await listener(value);
    },
    subscribe(listener) {
      listeners.push(listener);
    },
  };
}
