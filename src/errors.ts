// The one error type of bad input: a problem with what the user gave (an argument, a value, a file's content),
// named in its message. Every layer throws it for input it refuses; the CLI prints the message on one line and
// exits 2 (with the usage text when `usage` is set). Domain errors that carry more (ModelError with its file and
// field, FileError with its path and cause) are their own classes and end the same way.
export class InputError extends Error {
  /** whether the command line itself is wrong, so the usage text should follow the message */
  readonly usage: boolean;
  constructor(message: string, options: { usage?: boolean } = {}) {
    super(message);
    this.usage = options.usage ?? false;
  }
}
