import type { EventName } from '@lit/react';
import type { KitEvent, KitEventName } from '../events.js';

/**
 * A kit event's name, typed with the event it carries: the wrapper's handler prop for it then
 * receives a `CustomEvent` with that event's `detail`.
 */
export function kitEvent<K extends KitEventName>(name: K): EventName<KitEvent<K>> {
  return name as EventName<KitEvent<K>>;
}
