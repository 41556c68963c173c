import { Type } from '@sinclair/typebox';
import { PolicySchema } from '../config/schema.js';

/** Request and answer schemas of /api/admin/… (shown at /docs). */
const open = { additionalProperties: true } as const;
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const HHMM = Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$' });
const MMDD = Type.String({ pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' });
const Season = Type.Object({ from: MMDD, sessions: Type.Array(Type.Tuple([HHMM, HHMM]), { minItems: 1, maxItems: 6 }) }, { additionalProperties: false });
export const Hours = Type.Object({ summer: Season, winter: Season }, { additionalProperties: false });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const NameEnField = Type.String({ maxLength: 100, description: 'English name for English mode; empty: none' });
const AnnounceFrom = Type.Array(Id, {
  maxItems: 50,
  description: "other zones of the hall whose calls this zone's boards show (smaller) and its voice announces, with the floor",
});
const Address = Type.String({ maxLength: 200, description: 'street address for visitors (booking pages and messages); empty: none' });
export const HallBody = Type.Object(
  {
    id: Type.Optional(Id),
    name: Name,
    nameEn: Type.Optional(NameEnField),
    timezone: Type.String({ minLength: 1, maxLength: 64 }),
    hours: Hours,
    notice: Type.Optional(Type.String({ maxLength: 500 })),
    address: Type.Optional(Address),
    zones: Type.Optional(
      Type.Array(Type.Object({ id: Type.Optional(Id), name: Name, nameEn: Type.Optional(NameEnField) }, { additionalProperties: false }), { minItems: 1 }),
    ),
  },
  { additionalProperties: false },
);
export const HallPatch = Type.Partial(
  Type.Object({ name: Name, nameEn: NameEnField, timezone: Type.String({ minLength: 1, maxLength: 64 }), hours: Hours, address: Address }),
  { additionalProperties: false },
);
export const NoticeBody = Type.Object({ notice: Type.String({ maxLength: 500 }) }, { additionalProperties: false });
export const PolicyBody = Type.Object({ policy: PolicySchema }, { additionalProperties: false });
export const ZoneBody = Type.Object(
  { id: Type.Optional(Id), name: Name, nameEn: Type.Optional(NameEnField), announceFrom: Type.Optional(AnnounceFrom) },
  { additionalProperties: false },
);
export const ZonePatch = Type.Partial(Type.Object({ name: Name, nameEn: NameEnField, announceFrom: AnnounceFrom }), { additionalProperties: false });
export const DepartmentBody = Type.Object(
  { id: Type.Optional(Id), name: Name, nameEn: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);
export const DepartmentPatch = Type.Object({ name: Name, nameEn: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false });

const NameEn = Type.String({ maxLength: 100, description: 'English name for English mode; empty: none' });
const serviceFields = {
  name: Name,
  nameEn: NameEn,
  prefix: Type.String({ pattern: '^[A-Z]{1,2}$', description: 'one or two capital letters, unique in the hall' }),
  departmentId: Id,
  avgServiceMinutes: Type.Number({ exclusiveMinimum: 0, maximum: 480, description: 'norm service minutes' }),
  enabled: Type.Boolean(),
  materials: Type.String({ maxLength: 5000, description: '一次性告知: every material the visitor needs' }),
  position: Type.Integer({ minimum: 0, maximum: 100000 }),
};
export const ServiceBody = Type.Object(
  {
    id: Type.Optional(Id),
    hallId: Id,
    name: serviceFields.name,
    nameEn: Type.Optional(NameEn),
    prefix: serviceFields.prefix,
    departmentId: serviceFields.departmentId,
    avgServiceMinutes: serviceFields.avgServiceMinutes,
    enabled: Type.Optional(serviceFields.enabled),
    materials: Type.Optional(serviceFields.materials),
    position: Type.Optional(serviceFields.position),
  },
  { additionalProperties: false },
);
export const ServicePatch = Type.Partial(Type.Object(serviceFields), { additionalProperties: false });

const windowFields = {
  zoneId: Id,
  number: Type.Integer({ minimum: 1, maximum: 999 }),
  name: Name,
  serviceIds: Type.Array(Id, { maxItems: 200, description: 'in the order the window prefers them' }),
  primaryStaffIds: Type.Array(Id, { maxItems: 20, description: 'A岗' }),
  substituteStaffIds: Type.Array(Id, { maxItems: 20, description: 'B岗' }),
};
export const WindowBody = Type.Object(
  {
    id: Type.Optional(Id),
    hallId: Id,
    zoneId: windowFields.zoneId,
    number: windowFields.number,
    name: windowFields.name,
    serviceIds: windowFields.serviceIds,
    primaryStaffIds: Type.Optional(windowFields.primaryStaffIds),
    substituteStaffIds: Type.Optional(windowFields.substituteStaffIds),
  },
  { additionalProperties: false },
);
export const WindowPatch = Type.Partial(Type.Object(windowFields), { additionalProperties: false });

const Role = Type.Union([Type.Literal('staff'), Type.Literal('manager'), Type.Literal('admin')]);
const Password = Type.String({ minLength: 6, maxLength: 128 });
const staffFields = {
  hallId: Nullable(Id),
  name: Name,
  employeeNo: Type.String({ maxLength: 32 }),
  role: Role,
  username: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' }),
  windowIds: Type.Array(Id, { maxItems: 50, description: 'A岗 windows' }),
  substituteWindowIds: Type.Array(Id, { maxItems: 50, description: 'B岗 windows' }),
};
export const StaffBody = Type.Object(
  {
    id: Type.Optional(Id),
    hallId: Type.Optional(staffFields.hallId),
    name: Name,
    employeeNo: Type.Optional(staffFields.employeeNo),
    role: Role,
    username: staffFields.username,
    password: Password,
    windowIds: Type.Optional(staffFields.windowIds),
    substituteWindowIds: Type.Optional(staffFields.substituteWindowIds),
  },
  { additionalProperties: false },
);
export const StaffPatch = Type.Partial(Type.Object({ ...staffFields, enabled: Type.Boolean() }), { additionalProperties: false });
export const PasswordBody = Type.Object({ password: Password }, { additionalProperties: false });
export const PhotoBody = Type.Object(
  { photo: Type.Union([Type.String({ maxLength: 300_000 }), Type.Null()], { description: 'data:image/png|jpeg|webp;base64,… or null to remove' }) },
  { additionalProperties: false },
);

const DeviceKind = Type.Union([Type.Literal('kiosk'), Type.Literal('display'), Type.Literal('evaluator'), Type.Literal('agent')]);
export const DeviceBody = Type.Object(
  {
    id: Type.Optional(Id),
    hallId: Id,
    kind: DeviceKind,
    windowId: Type.Optional(Nullable(Id)),
    zoneId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export const DevicePatch = Type.Partial(Type.Object({ windowId: Nullable(Id), zoneId: Nullable(Id) }), { additionalProperties: false });

export const ImportQuery = Type.Object({
  apply: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'true writes the file; otherwise only the diff is returned' })),
});
export const AuditQuery = Type.Object({
  hallId: Type.Optional(Id),
  entity: Type.Optional(Type.String({ maxLength: 32 })),
  limit: Type.Optional(Type.String({ pattern: '^\\d{1,4}$' })),
});

// answers
export const Ok = Type.Object({ ok: Type.Literal(true) });
export const AnyObject = Type.Object({}, open);
export const HallAnswer = Type.Object(
  { id: Type.String(), name: Type.String(), timezone: Type.String(), hours: Type.Any(), policy: Type.Any(), notice: Type.String(), address: Type.String() },
  open,
);
export const ServiceAnswer = Type.Object(
  {
    id: Type.String(),
    hallId: Type.String(),
    name: Type.String(),
    prefix: Type.String(),
    departmentId: Type.String(),
    avgServiceMinutes: Type.Number(),
    enabled: Type.Boolean(),
    materials: Type.String(),
    position: Type.Number(),
  },
  open,
);
export const WindowAnswer = Type.Object(
  {
    id: Type.String(),
    hallId: Type.String(),
    zoneId: Type.String(),
    number: Type.Integer(),
    name: Type.String(),
    serviceIds: Type.Array(Type.String()),
    primaryStaffIds: Type.Array(Type.String()),
    substituteStaffIds: Type.Array(Type.String()),
  },
  open,
);
export const StaffAnswer = Type.Object(
  {
    id: Type.String(),
    hallId: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
    employeeNo: Type.String(),
    role: Type.String(),
    username: Type.String(),
    enabled: Type.Boolean(),
    windowIds: Type.Array(Type.String()),
    substituteWindowIds: Type.Array(Type.String()),
    hasPhoto: Type.Boolean(),
  },
  open,
);
export const DeviceAnswer = Type.Object(
  {
    id: Type.String(),
    hallId: Type.String(),
    kind: Type.String(),
    windowId: Type.Union([Type.String(), Type.Null()]),
    zoneId: Type.Union([Type.String(), Type.Null()]),
    enabled: Type.Boolean(),
  },
  open,
);
export const DeviceTokenAnswer = Type.Object({ device: DeviceAnswer, token: Type.String({ description: 'shown once; only its hash is kept' }) });
export const ImportAnswer = Type.Object({
  applied: Type.Boolean(),
  changes: Type.Array(Type.Object({ section: Type.String(), id: Type.String(), change: Type.String(), fields: Type.Optional(Type.Array(Type.String())) })),
});
