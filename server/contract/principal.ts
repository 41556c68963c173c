import type { DeviceKind, Role } from './dto.js';

/** Who is making a request: a logged-in person or a device holding a token. */
export type Principal =
  | { type: 'user'; id: string; name: string; role: Role; hallId: string | null; windowIds: string[] }
  | { type: 'device'; id: string; kind: DeviceKind; hallId: string; windowId: string | null };
