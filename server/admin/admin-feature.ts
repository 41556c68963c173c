import type { Feature } from '../features.js';
import type { RealtimeGateway } from '../realtime/gateway.js';
import type { AdminDeps } from './admin-deps.js';
import { configRoutes } from './routes/config-routes.js';
import { nameFieldsInErrors } from './routes/field-errors.js';
import { hallRoutes } from './routes/hall-routes.js';
import { peopleRoutes } from './routes/people-routes.js';
import { serviceRoutes } from './routes/service-routes.js';

/** Administration: configure halls, services, windows, staff, devices and hardware while the hall runs. */
export const adminFeature: Feature = {
  name: 'admin',
  setup(ctx, stores) {
    let gateway: RealtimeGateway | undefined;
    const log = ctx.log.child({ module: 'admin' });
    const deps: AdminDeps = {
      ctx,
      halls: stores.adminHalls,
      services: stores.adminServices,
      people: stores.adminPeople,
      settings: stores.settings,
      disconnect(principalId) {
        if (!gateway) return;
        gateway.disconnectPrincipal(principalId);
        log.info({ principalId }, 'sockets of a revoked token dropped');
      },
    };
    return {
      routes: async (app) => {
        nameFieldsInErrors(app);
        await app.register(hallRoutes(deps));
        await app.register(serviceRoutes(deps));
        await app.register(peopleRoutes(deps));
        await app.register(configRoutes(deps));
      },
      start(runtime) {
        gateway = runtime.gateway;
      },
    };
  },
};
