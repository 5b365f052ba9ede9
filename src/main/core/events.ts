import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../shared/contract/events';

/** Typed events from the core to every transport (Electron windows, SSE clients). */
export class CoreEvents {
  private ee = new EventEmitter();
  constructor() {
    this.ee.setMaxListeners(100);
  }
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    this.ee.emit('event', name, payload);
  }
  subscribe(fn: (name: EventName, payload: unknown) => void): () => void {
    this.ee.on('event', fn);
    return () => this.ee.off('event', fn);
  }
}
