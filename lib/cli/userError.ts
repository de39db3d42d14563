/**
 * A mistake of the person running the program (a bad option, an unreadable
 * file, an unwritable folder), as opposed to a bug. The CLI prints its message
 * as one line on stderr and exits with status 2, never with a stack trace.
 * Inadmissible parameters use {@link AdmissibilityError} instead, which the CLI
 * treats the same way.
 *
 * @example throw new UserError('--jobs needs a positive integer; got "two"')
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
