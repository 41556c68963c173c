import { Type } from '@sinclair/typebox';

/** Shared pieces of route schemas. */
export const IdParam = (name: string) => Type.Object({ [name]: Type.String({ minLength: 1, maxLength: 64 }) });
export const ErrorSchema = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });
export const EmptyBody = Type.Optional(Type.Object({}, { additionalProperties: false }));
export const bearer = [{ bearer: [] }];
