import { inspect } from 'node:util';
import { ConfigurationError } from '@houqin/service-kit';

/** Exit code of a start refused for its configuration (sysexits' EX_CONFIG): retrying will not help. */
export const CONFIGURATION_EXIT_CODE = 78;

/**
 * What a launcher prints when the platform cannot start, and the code it exits with. Whatever was
 * thrown is shown — an Error with its causes, a string, an object, even `undefined` — so the cause
 * is on the screen without LOG_LEVEL=debug.
 */
export function startupFailure(error: unknown): { message: string; exitCode: number } {
  if (error instanceof ConfigurationError) return { message: error.message, exitCode: CONFIGURATION_EXIT_CODE };
  return { message: `Houqin could not start: ${describe(error)}`, exitCode: 1 };
}

function describe(error: unknown, depth = 0): string {
  if (error instanceof Error) {
    const text = error.stack ?? `${error.name}: ${error.message}`;
    return error.cause === undefined || depth > 5 ? text : `${text}\nCaused by: ${describe(error.cause, depth + 1)}`;
  }
  if (error === undefined || error === null) return `something failed without saying what (it threw ${String(error)}); LOG_LEVEL=debug shows what led to it`;
  if (typeof error === 'string') return error;
  return inspect(error, { depth: 4, breakLength: Infinity });
}
