// The bornmarkov command in-process: main(args) with console.log, console.error and process.stdout.write captured,
// so CLI behaviour (exit codes, messages, output) is tested without a subprocess. Each command keeps one
// subprocess test of its own, which proves the binary.
import { vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runMain(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(`${a.join(' ')}\n`));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(`${a.join(' ')}\n`));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  try {
    const status = await main(args);
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}
