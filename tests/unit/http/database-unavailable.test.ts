import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../../server/http/errors.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('a database out of reach is told apart from a broken server', () => {
  it.each([
    ['the server refused the connection (down, restarting)', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['the connection was cut mid-query', new Error('Connection terminated unexpectedly')],
    ['a pooled client whose connection died', new Error('Client has encountered a connection error and is not queryable')],
    ['no connection from the pool in time', new Error('timeout exceeded when trying to connect')],
    ['the server shutting down (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['the server still starting (57P03)', withCode('the database system is starting up', '57P03')],
    ['a standby not yet promoted (25006)', withCode('cannot execute INSERT in a read-only transaction', '25006')],
    ['a connection failure (08006)', withCode('connection failure', '08006')],
  ])('%s', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a constraint the code broke (23505)', withCode('duplicate key value violates unique constraint', '23505')],
    ['a serialization failure (40001)', withCode('could not serialize access', '40001')],
    ['SQLite busy', withCode('database is locked', 'SQLITE_BUSY')],
    ['not an error at all', 'Connection terminated'],
  ])('but not %s', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
