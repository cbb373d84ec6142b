/**
 * Which PostgreSQL failures mean "cannot answer right now, try again" (503 with Retry-After)
 * rather than a bug (500): lost or refused connections, a server shutting down or out of
 * connections, and the transaction-level retry codes.
 */
const TRANSIENT_CODES = new Set(['40001', '40P01', '53300', '57P01', '57P02', '57P03', '57014']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

const field = (error: object, name: string): unknown => (name in error ? (error as Record<string, unknown>)[name] : undefined);

export const isPostgresUnavailable = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const code = field(error, 'code');
  const severity = field(error, 'severity');
  if (typeof code === 'string' && (code.startsWith('08') || TRANSIENT_CODES.has(code) || NETWORK_CODES.has(code))) return true;
  // FATAL ends the session, e.g. "database … is not currently accepting connections"
  if (severity === 'FATAL' || severity === 'PANIC') return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(error.message);
};
