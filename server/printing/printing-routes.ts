import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertInHall, forbidden } from '../app/actor.js';
import { changeState, type AppContext } from '../app/context.js';
import type { Principal } from '../contract/principal.js';
import { DomainError } from '../domain/errors.js';
import { requirePrincipal, requireUser } from '../http/auth-hook.js';
import { bearer, IdParam } from '../http/schemas.js';
import type { KioskPrinters } from './kiosk-printers.js';

const ReprintBody = Type.Object(
  {
    printerId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

/** Staff of any window in the ticket's hall, its managers, admins. */
async function assertStaffOfHall(ctx: AppContext, user: Principal, hallId: string): Promise<void> {
  if (user.type !== 'user') throw forbidden('this needs a staff login');
  if (user.hallId === hallId || user.role === 'admin') return;
  for (const id of user.windowIds) if ((await ctx.store.halls.window(id))?.hallId === hallId) return;
  throw forbidden('not allowed in this hall');
}

export function printingRoutes(printers: KioskPrinters) {
  return async function routes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
    app.post<{ Params: { id: string }; Body: Static<typeof ReprintBody> }>(
      '/api/tickets/:id/reprint',
      {
        schema: {
          tags: ['tickets'],
          summary: "Print a ticket again on its kiosk's printer, or on the printer named",
          params: IdParam('id'),
          body: ReprintBody,
          security: bearer,
        },
      },
      async (request) => {
        const user = requireUser(request);
        const ticket = await ctx.store.tickets.get(request.params.id);
        if (!ticket) throw new DomainError('NOT_FOUND', `ticket ${request.params.id} does not exist`);
        await assertStaffOfHall(ctx, user, ticket.hallId);
        const named = request.body.printerId;
        if (named && !printers.has(named)) throw new DomainError('VALIDATION', `printerId: no printer ${named}`);
        const printerId = named ?? (ticket.kioskId ? printers.forKiosk(ticket.kioskId)?.printerId : undefined);
        if (!printerId) throw new DomainError('NO_PRINTER', 'the ticket was not taken at a kiosk with a printer: name a printerId');
        const result = await printers.print(printerId, ticket.id, true);
        if (result.state !== 'online') {
          throw new DomainError(result.state === 'paper_out' ? 'PRINTER_PAPER_OUT' : 'PRINTER_OFFLINE', result.error ?? 'printer unavailable');
        }
        await changeState(
          ctx,
          ticket.hallId,
          async (emit) =>
            await emit({
              type: 'ticket.reprinted',
              at: ctx.clock.now().toISOString(),
              hallId: ticket.hallId,
              data: {
                ticketId: ticket.id,
                number: ticket.number,
                serviceId: ticket.serviceId,
                priority: ticket.priority,
                issuedAt: ticket.issuedAt,
                ...(ticket.kioskId ? { kioskId: ticket.kioskId } : {}),
              },
            }),
        );
        return { ticketId: ticket.id, number: ticket.number, printerId, printed: true };
      },
    );

    app.get<{ Params: { kioskId: string } }>(
      '/api/kiosks/:kioskId/printer',
      {
        schema: {
          tags: ['devices'],
          summary: "The state of a kiosk's ticket printer, and the address phones reach (the kiosk asks for its own)",
          params: IdParam('kioskId'),
          security: bearer,
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const kiosk = await ctx.store.devices.get(request.params.kioskId);
        if (!kiosk || kiosk.kind !== 'kiosk') throw new DomainError('NOT_FOUND', `kiosk ${request.params.kioskId} does not exist`);
        if (p.type === 'device' && p.id !== kiosk.id) throw forbidden('a kiosk may only ask about its own printer');
        assertInHall(p, kiosk.hallId);
        const view = printers.forKiosk(kiosk.id) ?? { printerId: null, kioskId: kiosk.id, state: 'none' };
        return { ...view, publicUrl: printers.statusBaseUrl, publicUrlSet: printers.publicUrlConfigured };
      },
    );

    app.get(
      '/api/admin/public-url',
      {
        schema: {
          tags: ['admin'],
          summary: "The address ticket QR codes hold, and whether HALLQ_PUBLIC_URL set it (else it is this host's LAN address: the console warns)",
          security: bearer,
          response: { 200: Type.Object({ publicUrl: Type.String(), configured: Type.Boolean() }) },
        },
      },
      async (request) => {
        requireUser(request, ['manager', 'admin']);
        return { publicUrl: printers.statusBaseUrl, configured: printers.publicUrlConfigured };
      },
    );
  };
}
