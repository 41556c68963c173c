import type { Feature } from '../features.js';
import { TicketLiveStreams } from './ticket-live.js';

/** The visitor's phone page, live: its ticket's status pushed as server-sent events. */
export const visitorFeature: Feature = {
  name: 'visitor',
  setup(ctx) {
    const streams = new TicketLiveStreams(ctx);
    return {
      routes: streams.routes,
      close: () => streams.closeAll(),
    };
  },
};
