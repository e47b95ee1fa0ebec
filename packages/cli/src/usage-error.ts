/** The command line asks for something that cannot be done: exit code 2 with the message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
