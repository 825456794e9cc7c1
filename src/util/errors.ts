/**
 * A problem the user can fix (bad audit file, missing browser, output folder in the way). The CLI prints the
 * message without a stack trace and exits 2; anything else is a bug or an environment failure (exit 1).
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    /** One line per problem, each naming the field and the fix. */
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
