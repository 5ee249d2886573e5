/** The emulator's typed event bus (see EmulatorEvents in types.ts). */
import { EventEmitter } from 'node:events';

import type { EmulatorEvents, EventBus, EventName } from './types.js';

export function createBus(): EventBus {
  const emitter = new EventEmitter();
  // The admin SSE stream adds one listener per connected client.
  emitter.setMaxListeners(0);
  return {
    on(event, listener) {
      emitter.on(event, listener as (payload: unknown) => void);
      return () => emitter.off(event, listener as (payload: unknown) => void);
    },
    off(event, listener) {
      emitter.off(event, listener as (payload: unknown) => void);
    },
    emit<E extends EventName>(event: E, payload: EmulatorEvents[E]) {
      emitter.emit(event, payload);
    },
  };
}
