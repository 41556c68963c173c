import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertCanActAtWindow, assertInHall } from '../../app/actor.js';
import { callNext } from '../../app/call-next.js';
import type { AppContext } from '../../app/context.js';
import { toWindowDto } from '../../app/dto-mapping.js';
import { keypadActor, keypadSignIn, keypadSignOut } from '../../app/keypad-staff.js';
import { actOnCurrent, transferCurrent, type CurrentTicketAction } from '../../app/ticket-actions.js';
import { closeWindow, loadWindow, openWindow, pauseWindow, resumeWindow } from '../../app/window-status.js';
import { windowQueue, windowToday } from '../../app/window-view.js';
import { requirePrincipal, requireUserOrDevice } from '../auth-hook.js';
import { bearer, IdParam } from '../schemas.js';

const PauseBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
const CallNextBody = Type.Object(
  {
    ticketId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
const TransferBody = Type.Object(
  {
    toServiceId: Type.String({ minLength: 1, maxLength: 64 }),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const SignInBody = Type.Object({ employeeNo: Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z-]+$' }) }, { additionalProperties: false });

type WindowParams = { Params: { windowId: string } };

export async function windowRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const params = IdParam('windowId');
  const schema = (summary: string, extra: object = {}) => ({ tags: ['windows'], summary, params, security: bearer, ...extra });
  const viewer = (request: Parameters<typeof requirePrincipal>[0]) => requireUserOrDevice(request, ['agent']);
  // a device agent relays a keypad: the action is the person's on duty at that window
  const actor = async (request: Parameters<typeof requirePrincipal>[0] & { params: { windowId: string } }) => {
    const p = viewer(request);
    return p.type === 'device' ? await keypadActor(ctx, p, request.params.windowId) : p;
  };

  app.get<WindowParams>('/api/windows/:windowId', { schema: schema('A window with its status, staff and current ticket') }, async (request) => {
    const w = await loadWindow(ctx, request.params.windowId);
    assertInHall(requirePrincipal(request), w.hallId);
    return await toWindowDto(ctx, w);
  });

  app.get<WindowParams>('/api/windows/:windowId/queue', { schema: schema('The tickets waiting for this window, in call order') }, async (request) => {
    const w = await loadWindow(ctx, request.params.windowId);
    assertCanActAtWindow(viewer(request), w);
    return await windowQueue(ctx, w);
  });

  app.get<WindowParams>('/api/windows/:windowId/today', { schema: schema("Today's counts at this window") }, async (request) => {
    const w = await loadWindow(ctx, request.params.windowId);
    assertCanActAtWindow(viewer(request), w);
    return await windowToday(ctx, w);
  });

  app.post<WindowParams>('/api/windows/:windowId/open', { schema: schema('Open the window (the staff member takes it)') }, async (request) => ({
    window: await openWindow(ctx, await actor(request), request.params.windowId),
  }));
  app.post<WindowParams & { Body: Static<typeof PauseBody> }>(
    '/api/windows/:windowId/pause',
    { schema: schema('Pause with a reason shown on the boards', { body: PauseBody }) },
    async (request) => ({ window: await pauseWindow(ctx, await actor(request), request.params.windowId, request.body.reason) }),
  );
  app.post<WindowParams>('/api/windows/:windowId/resume', { schema: schema('Resume after a pause') }, async (request) => ({
    window: await resumeWindow(ctx, await actor(request), request.params.windowId),
  }));
  app.post<WindowParams>('/api/windows/:windowId/close', { schema: schema('Close the window') }, async (request) => ({
    window: await closeWindow(ctx, await actor(request), request.params.windowId),
  }));

  app.post<WindowParams & { Body: Static<typeof CallNextBody> }>(
    '/api/windows/:windowId/call-next',
    {
      schema: schema('Call the next ticket by the queue rules; a manager may name a ticket with a reason (audited)', { body: CallNextBody }),
    },
    async (request) => ({ ticket: await callNext(ctx, await actor(request), request.params.windowId, request.body) }),
  );

  for (const action of ['recall', 'start', 'finish', 'skip'] as const satisfies readonly CurrentTicketAction[]) {
    app.post<WindowParams>(`/api/windows/:windowId/${action}`, { schema: schema(`${action} the window's current ticket`) }, async (request) => ({
      ticket: await actOnCurrent(ctx, await actor(request), request.params.windowId, action),
    }));
  }

  app.post<WindowParams & { Body: Static<typeof TransferBody> }>(
    '/api/windows/:windowId/transfer',
    {
      schema: schema("转办: move the current ticket to another service's queue", { body: TransferBody }),
    },
    async (request) => ({ ticket: await transferCurrent(ctx, await actor(request), request.params.windowId, request.body.toServiceId, request.body.reason) }),
  );

  app.post<WindowParams & { Body: Static<typeof SignInBody> }>(
    '/api/windows/:windowId/keypad-sign-in',
    {
      schema: schema('工号签到 on a keypad relayed by a device agent: the person opens the window and its keys act for them', { body: SignInBody }),
    },
    async (request) => ({ window: await keypadSignIn(ctx, requireUserOrDevice(request, ['agent']), request.params.windowId, request.body.employeeNo) }),
  );
  app.post<WindowParams>(
    '/api/windows/:windowId/keypad-sign-out',
    { schema: schema('签退 on a keypad: the person on duty closes the window') },
    async (request) => ({ window: await keypadSignOut(ctx, requireUserOrDevice(request, ['agent']), request.params.windowId) }),
  );
}
