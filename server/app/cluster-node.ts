import type { HallEvent } from '../contract/events.js';

/**
 * What makes a node one of several on a shared database: the events it commits reach its bus
 * through `committed` (with every other node's, in seq order), and it runs the scheduled work
 * only of the halls it `leads`. One node on SQLite has none: it publishes and leads everything.
 */
export interface ClusterNode {
  committed(events: readonly HallEvent[]): void;
  /** the newest seq of the hall published on this node's bus */
  publishedSeq(hallId: string): number | undefined;
  leads(hallId: string): boolean;
  /** the key of this node's outbox claims while its session lease holds (AppContext.claimKey) */
  claimKey(): number | undefined;
  close(): Promise<void>;
}
