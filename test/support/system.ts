// Test support: system tools some tests need (pdflatex, Chromium). Nothing is installed here — .ci/run installs
// them with apt-get before `npm test` — so a test that needs an absent tool skips with the reason printed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type ToolStatus = { ok: true; bin: string } | { ok: false; reason: string };

const CI_HINT = 'install it with apt-get as .ci/run does, or run the tests without it (they skip)';

let pdflatex: ToolStatus | undefined;

export function findPdflatex(): ToolStatus {
  return (pdflatex ??=
    spawnSync('pdflatex', ['--version'], { encoding: 'utf8' }).status === 0
      ? { ok: true, bin: 'pdflatex' }
      : { ok: false, reason: `pdflatex is not on PATH (Debian texlive-latex-base, texlive-latex-recommended): ${CI_HINT}` });
}

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromiumBinary(): ToolStatus {
  const bin = CHROMIUM.find((p) => existsSync(p));
  return bin
    ? { ok: true, bin }
    : { ok: false, reason: `Chromium is not installed (looked for ${CHROMIUM.join(', ')}; Debian chromium): ${CI_HINT}` };
}
