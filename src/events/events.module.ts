import type { TianmuModule } from '../platform/module.js';

/** The event hub: every warning, alarm, detection and citizen report enters here (incl. Open311). */
export const eventsModule: TianmuModule = {
  name: 'events',
};
