/**
 * Who is calling. The reference server never takes a console or an actor from a request body:
 * both come from `authenticate`, which an integrator backs with the console's own session.
 */
export interface Session {
  /** The console (one customer of the MDM vendor) the caller belongs to. */
  readonly consoleId: string;
  /** Who acts, as recorded in the audit trail (for example the user's e-mail address). */
  readonly actor: string;
}

/**
 * Reads the caller's session from the request: returns it, returns `null` (answered `401`), or
 * throws an `AuthError` (`401` or `403` with its message). Must not trust anything a browser
 * script could forge; typically it checks the console's session cookie or a bearer token.
 */
export type Authenticator = (request: Request) => Session | null | Promise<Session | null>;

export class AuthError extends Error {
  constructor(
    readonly code: 'unauthorized' | 'forbidden',
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

const CONSOLE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const CONTROL = /\p{Cc}/u;

/** True for a console id the server accepts: 1 to 128 of A-Z a-z 0-9 . _ : - */
export function isConsoleId(value: unknown): value is string {
  return typeof value === 'string' && CONSOLE_ID.test(value);
}

/** True for an actor the server records: 1 to 320 characters, no control characters. */
export function isActor(value: unknown): value is string {
  return (
    typeof value === 'string' && value.trim() !== '' && value.length <= 320 && !CONTROL.test(value)
  );
}

/** Headers read by the development authenticator. */
export const DEV_CONSOLE_HEADER = 'X-Dev-Console';
export const DEV_ACTOR_HEADER = 'X-Dev-Actor';

/**
 * FOR DEVELOPMENT ONLY: believes whatever console and actor the request names in
 * `X-Dev-Console` and `X-Dev-Actor` (default actor `developer`). It lets the demo and the
 * conformance suite create consoles at will. Anyone can claim any console with it, so it refuses
 * to be created when `NODE_ENV` is `production`.
 */
export function createDevAuthenticator(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Authenticator {
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'The development authenticator trusts any caller and cannot run with NODE_ENV=production. ' +
        'Pass createServer({ authenticate }) a function that checks your console’s session.',
    );
  }
  return (request) => {
    const consoleId = request.headers.get(DEV_CONSOLE_HEADER);
    if (consoleId === null) return null;
    if (!isConsoleId(consoleId)) {
      throw new AuthError(
        'unauthorized',
        `${DEV_CONSOLE_HEADER} must be 1 to 128 of A-Z a-z 0-9 . _ : - (starting with a letter or digit).`,
      );
    }
    const actor = request.headers.get(DEV_ACTOR_HEADER) ?? 'developer';
    if (!isActor(actor)) {
      throw new AuthError(
        'unauthorized',
        `${DEV_ACTOR_HEADER} must be 1 to 320 characters without control characters.`,
      );
    }
    return { consoleId, actor };
  };
}
