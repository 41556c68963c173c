import { Type, type Static } from '@sinclair/typebox';

/** The hall config file (docs/en/configuration.md), as a schema: validation and types from one source. */
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });
const HHMM = Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$' });
const MMDD = Type.String({ pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' });
const Season = Type.Object({ from: MMDD, sessions: Type.Array(Type.Tuple([HHMM, HHMM]), { minItems: 1 }) });

export const PolicySchema = Type.Partial(
  Type.Object({
    priorityBurst: Type.Integer({ minimum: 1, maximum: 20 }),
    ageLimitMinutes: Type.Number({ minimum: 1, maximum: 600 }),
    appointmentEarlyMinutes: Type.Number({ minimum: 0, maximum: 120 }),
    callNextFinishesCurrent: Type.Boolean(),
    estimateSampleSize: Type.Integer({ minimum: 1, maximum: 500 }),
    voiceTemplate: Type.String({ minLength: 1, maxLength: 200 }),
    waitAlertMinutes: Type.Tuple([Type.Number({ minimum: 1 }), Type.Number({ minimum: 1 }), Type.Number({ minimum: 1 })]),
  }),
  { additionalProperties: true },
);

export const HallConfigSchema = Type.Object(
  {
    halls: Type.Array(
      Type.Object(
        {
          id: Id,
          name: Type.String({ minLength: 1 }),
          nameEn: Type.Optional(Type.String({ maxLength: 100 })),
          zones: Type.Array(
            Type.Object({
              id: Id,
              name: Type.String({ minLength: 1 }),
              nameEn: Type.Optional(Type.String({ maxLength: 100 })),
              /** zones whose calls this zone's boards and voice also carry */
              announceFrom: Type.Optional(Type.Array(Id)),
            }),
            { minItems: 1 },
          ),
          timezone: Type.String({ minLength: 1 }),
          hours: Type.Object({ summer: Season, winter: Season }),
          notice: Type.Optional(Type.String()),
          /** street address, shown on booking pages and in booking messages */
          address: Type.Optional(Type.String({ maxLength: 200 })),
          policy: Type.Optional(PolicySchema),
        },
        { additionalProperties: true },
      ),
      { minItems: 1 },
    ),
    departments: Type.Array(Type.Object({ id: Id, name: Type.String({ minLength: 1 }), nameEn: Type.Optional(Type.String({ maxLength: 100 })) })),
    services: Type.Array(
      Type.Object(
        {
          id: Id,
          name: Type.String({ minLength: 1 }),
          /** English name, shown in English mode (kiosk, phone page) */
          nameEn: Type.Optional(Type.String({ maxLength: 100 })),
          prefix: Type.String({ pattern: '^[A-Z]{1,2}$' }),
          departmentId: Id,
          hallId: Id,
          avgServiceMinutes: Type.Number({ exclusiveMinimum: 0, maximum: 480 }),
          enabled: Type.Optional(Type.Boolean()),
          materials: Type.Optional(Type.String()),
        },
        { additionalProperties: true },
      ),
    ),
    windows: Type.Array(
      Type.Object(
        {
          id: Id,
          number: Type.Integer({ minimum: 1, maximum: 999 }),
          name: Type.String({ minLength: 1 }),
          hallId: Id,
          zoneId: Id,
          serviceIds: Type.Array(Id),
        },
        { additionalProperties: true },
      ),
    ),
    staff: Type.Array(
      Type.Object(
        {
          id: Id,
          name: Type.String({ minLength: 1 }),
          employeeNo: Type.Optional(Type.String()),
          role: Type.Union([Type.Literal('staff'), Type.Literal('manager'), Type.Literal('admin')]),
          hallId: Type.Optional(Id),
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 6 }),
          windowIds: Type.Optional(Type.Array(Id)),
          /** windows where this person is the B岗 substitute */
          substituteWindowIds: Type.Optional(Type.Array(Id)),
        },
        { additionalProperties: true },
      ),
    ),
    devices: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Id,
            kind: Type.Union([Type.Literal('kiosk'), Type.Literal('display'), Type.Literal('evaluator'), Type.Literal('agent')]),
            hallId: Id,
            token: Type.String({ minLength: 16 }),
            windowId: Type.Optional(Id),
            zoneId: Type.Optional(Id),
          },
          { additionalProperties: true },
        ),
      ),
    ),
    /** port: a serial port (path, COM3) or tcp://host:port for Onbon Ethernet controllers */
    buses: Type.Optional(
      Type.Array(
        Type.Object({ id: Id, port: Type.String({ minLength: 1 }), baudRate: Type.Optional(Type.Integer({ minimum: 300 })) }, { additionalProperties: true }),
      ),
    ),
    hardware: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Id,
            kind: Type.Union([Type.Literal('led'), Type.Literal('keypad'), Type.Literal('evaluator'), Type.Literal('printer'), Type.Literal('voice')]),
            busId: Type.Optional(Id),
            /** HQ-485 0–254, Onbon 0–65534 (checked per protocol) */
            address: Type.Optional(Type.Integer({ minimum: 0, maximum: 65534 })),
            /** device protocol, default hq485 (drivers/protocols/catalog.ts lists them and checks the fields below) */
            protocol: Type.Optional(Type.String({ minLength: 1 })),
            model: Type.Optional(Type.String({ minLength: 1 })),
            width: Type.Optional(Type.Integer({ minimum: 8, maximum: 4096 })),
            height: Type.Optional(Type.Integer({ minimum: 8, maximum: 4096 })),
            fontSize: Type.Optional(Type.Integer()),
            numberColor: Type.Optional(Type.String()),
            textColor: Type.Optional(Type.String()),
            windowId: Type.Optional(Id),
            zoneId: Type.Optional(Id),
            kioskId: Type.Optional(Id),
            lines: Type.Optional(Type.Integer({ minimum: 1, maximum: 16 })),
            interface: Type.Optional(Type.String({ minLength: 1 })),
            engine: Type.Optional(Type.String({ minLength: 1 })),
            /** a remote device agent drives it: only that agent may report its health */
            agentId: Type.Optional(Id),
          },
          { additionalProperties: true },
        ),
      ),
    ),
    limits: Type.Optional(
      Type.Object({ ticketsPerKioskPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }, { additionalProperties: true }),
    ),
    policy: Type.Optional(PolicySchema),
    /** where the server keeps its data: `sqlite` (default, the file in the data dir) or a postgres://… URL (--database and HALLQ_DATABASE win) */
    database: Type.Optional(Type.String({ pattern: '^(sqlite|postgres(ql)?://.+)$' })),
  },
  { additionalProperties: true },
);

export type HallConfig = Static<typeof HallConfigSchema>;
