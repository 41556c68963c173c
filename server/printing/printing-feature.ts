import { networkInterfaces } from 'node:os';
import { leadsHall } from '../app/context.js';
import type { PrinterHardware } from '../../drivers/printer/printer-factory.js';
import type { Feature, FeatureRuntime } from '../features.js';
import { KioskPrinters } from './kiosk-printers.js';
import { printingRoutes } from './printing-routes.js';

export interface PrintingOptions {
  /** base URL printed in the QR code; default env HALLQ_PUBLIC_URL, else ('' too) this host's LAN address */
  publicUrl?: string;
  /** how often printers that are not online are asked again (ms, default 5000) */
  retryMs?: number;
  /** every this many retries, online printers are asked too (default 6) */
  fullProbeEvery?: number;
  /** hands the printers to a test (to reach the simulators) */
  onReady?(printers: KioskPrinters): void;
}

/**
 * Ticket printing: a ticket issued at kiosk K is printed on K's printer (`hardware` entries of
 * kind `printer` with `kioskId`), after commit and off the request path, so paper never blocks
 * issuing. Printer state goes to device health; staff reprint with POST /api/tickets/:id/reprint.
 */
export function printingFeature(opts: PrintingOptions = {}): Feature {
  return {
    name: 'printing',
    async setup(ctx, stores) {
      const printerHardware = async () =>
        (await stores.settings.get<PrinterHardware[]>('hardware', [])).filter((h) => (h as { kind?: string }).kind === 'printer');
      const hardware = await printerHardware();
      const printers = await KioskPrinters.create(ctx, hardware);
      const pending = new Set<Promise<unknown>>();
      const track = (job: Promise<unknown>) => {
        pending.add(job);
        void job.finally(() => pending.delete(job));
      };
      // one reload at a time, each reading the settings as they are when it runs
      let reloading: Promise<unknown> = Promise.resolve();
      let timer: NodeJS.Timeout | undefined;
      const unsubscribe = ctx.bus.subscribe((event) => {
        // every node hears every hall's events (several nodes on PostgreSQL): the hall's leader prints, once
        if ((event.type === 'ticket.issued' || event.type === 'device.test') && !leadsHall(ctx, event.hallId)) return;
        if (event.type === 'ticket.issued' && event.data.kioskId) {
          const printer = printers.forKiosk(event.data.kioskId);
          if (printer) track(printers.print(printer.printerId, event.data.ticketId));
        } else if (event.type === 'device.test' && event.data.kind === 'printer' && printers.has(event.data.hardwareId)) {
          track(printers.printTest(event.data.hardwareId));
        } else if (event.type === 'config.changed' && (event.data.entity === 'hardware' || event.data.entity === 'config')) {
          // a printer edited in the console prints from the next ticket on, no restart
          reloading = reloading
            .then(async () => printers.reload(await printerHardware()))
            .catch((err: unknown) => ctx.log.error({ err }, 'printers not reloaded'));
          track(reloading);
        }
      });
      opts.onReady?.(printers);
      return {
        routes: printingRoutes(printers),
        async start(runtime: FeatureRuntime) {
          const publicUrl = (opts.publicUrl ?? process.env.HALLQ_PUBLIC_URL) || undefined;
          if (!publicUrl) {
            ctx.log
              .child({ module: 'printing' })
              .warn(
                { qrBase: lanUrl(runtime), printers: hardware.length },
                'HALLQ_PUBLIC_URL is not set: ticket QR codes (printed and on the kiosk) hold this LAN address, which a phone on mobile data cannot open',
              );
          }
          printers.setPublicUrl(publicUrl ?? lanUrl(runtime), Boolean(publicUrl));
          await printers.probe(true);
          let ticks = 0;
          timer = setInterval(() => {
            ticks++;
            void printers.probe(ticks % (opts.fullProbeEvery ?? 6) === 0);
          }, opts.retryMs ?? 5000);
          timer.unref();
        },
        async close() {
          clearInterval(timer);
          unsubscribe();
          await Promise.allSettled([...pending]);
          await printers.close();
        },
      };
    },
  };
}

/** The address a phone in the hall reaches this server at: the first LAN IPv4 and our port. */
function lanUrl(runtime: FeatureRuntime): string {
  const address = runtime.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 3000;
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  return `http://${lan?.address ?? '127.0.0.1'}:${port}`;
}
