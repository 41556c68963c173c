/**
 * Every error code the server answers with (`{error: {code, message}}` over HTTP, the
 * subscribe acknowledgement over socket.io), with its HTTP status. The message is English for
 * developers; the UIs show their own words for each code (their locale files cover this list).
 */
export const ERROR_STATUS = {
  // the request
  VALIDATION: 400,
  BAD_REQUEST: 400,
  ID_REQUIRED: 400,
  DOOR_CODE_REQUIRED: 400,
  UNAUTHORIZED: 401,
  PHONE_LAST4_REQUIRED: 401,
  FORBIDDEN: 403,
  APPOINTMENT_BARRED: 403,
  PHONE_NOT_CONFIRMED: 403,
  DOOR_CODE_EXPIRED: 403,
  DOOR_CODE_WRONG: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SUBSCRIBE_IN_FLIGHT: 429,
  // the server
  INTERNAL: 500,
  NOTIFIER_FAILED: 503,
  OVERLOADED: 503,
  /** the database cannot be reached (PostgreSQL restarting, failing over): retry shortly */
  DATABASE_UNAVAILABLE: 503,
  STORAGE_FULL: 507,
  // the hall's rules: a state conflict
  HALL_CLOSED: 409,
  SERVICE_CLOSED: 409,
  QUEUE_EMPTY: 409,
  INVALID_TRANSITION: 409,
  TICKET_NOT_CURRENT: 409,
  TICKET_NOT_QUEUED: 409,
  TICKET_EXPIRED: 409,
  ALREADY_RESTORED: 409,
  WINDOW_BUSY: 409,
  WINDOW_HELD: 409,
  WINDOW_NOT_OPEN: 409,
  WINDOW_NOT_PAUSED: 409,
  WINDOW_NOT_CLOSED: 409,
  SIGN_IN_REQUIRED: 409,
  UNKNOWN_EMPLOYEE: 409,
  NOT_EVALUABLE: 409,
  ALREADY_EVALUATED: 409,
  EVALUATION_CLOSED: 409,
  ALREADY_DONE: 409,
  ALREADY_ACKNOWLEDGED: 409,
  ALREADY_SERVED: 409,
  NO_PRINTER: 409,
  PRINTER_OFFLINE: 409,
  PRINTER_PAPER_OUT: 409,
  // appointments
  APPOINTMENTS_DISABLED: 409,
  SLOT_FULL: 409,
  SLOT_PASSED: 409,
  BOOKING_LIMIT: 409,
  TOO_EARLY: 409,
  EXPIRED: 409,
  CANCELLED: 409,
  ALREADY_CHECKED_IN: 409,
  // configuration
  ID_IN_USE: 409,
  USERNAME_IN_USE: 409,
  PREFIX_IN_USE: 409,
  WINDOW_NUMBER_IN_USE: 409,
  HALL_IN_USE: 409,
  ZONE_IN_USE: 409,
  DEPARTMENT_IN_USE: 409,
  SERVICE_IN_USE: 409,
  SERVICE_HAS_WAITING: 409,
  SERVICE_HAS_HISTORY: 409,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_STATUS, code);
