// Where the report's numbers come from: the generated TypeScript module of a model (GeneratedModel,
// src/numeric/generatedModel.ts), the same code path as `bornmarkov solve` and `sweep`.
//
// Contract of ModelProvider.get(modelFile, approx, lambShift = false):
//  - uses <root>/derivations/generated/<model name>.<approx>.ts (…<approx>.lamb-shift.ts with lambShift: the
//    principal values kept, src/derive/approx.ts variantName) when it exists, equals the module emitted from the
//    current derivation of the model (text comparison: modification times mean nothing on a fresh clone),
//    imports, and is the module of that model and approximation;
//  - otherwise emits the module now (deriveTable → typescriptModule, exactly what `bornmarkov derive` writes)
//    into a private temporary directory and imports that, so a fresh checkout without generated files, or a
//    model edited since its module was generated, still gets a report computed from the current derivation.
//    The committed derivations/generated/ is never written here: regenerating it is `derive`'s job.
//  - errors (a model that fails to load or derive) propagate: the caller reports them per figure.
//  - provenance() says, per model and approximation, which module was used (shown in the report), with the model
//    file it belongs to and a SHA-256 of the module's source, so a number in the report can be traced to the code.
//  - a `derived` hook may hand over tables the caller has already derived, so emitting costs no second derivation.
// dispose() removes the temporary directory.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GeneratedModel } from '../numeric/generatedModel.ts';
import { importGeneratedModel } from '../numeric/sweep.ts';
import { loadModelFile } from '../model/load.ts';
import { type DerivedTable, deriveTable } from '../derive/table.ts';
import { type Approx, variantName } from '../derive/approx.ts';
import { DEFAULT_CONTRACT_IMPORT, typescriptModule } from '../emit/typescript.ts';

export interface Provenance {
  model: string;
  /** the model file, relative to the root */
  file: string;
  approx: Approx;
  /** the principal-value (Lamb-shift) variant */
  lambShift?: boolean;
  /** 'generated': the committed module; 'emitted': emitted for this report */
  kind: 'generated' | 'emitted';
  path: string;
  /** first 16 hex digits of the SHA-256 of the module source */
  sha256: string;
  reason?: string;
}

/** A table already derived by the caller for (absolute model file, approximation), or undefined. */
export type DerivedLookup = (file: string, approx: Approx) => DerivedTable | undefined;

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

export class ModelProvider {
  private readonly cache = new Map<string, Promise<GeneratedModel>>();
  private readonly used: Provenance[] = [];
  private tmp: string | null = null;

  constructor(
    readonly root: string,
    private readonly log: (line: string) => void = () => {},
    private readonly derived: DerivedLookup = () => undefined,
  ) {}

  /** The GeneratedModel of `modelFile` (absolute, or relative to root). Cached per file and approximation. */
  get(modelFile: string, approx: Approx, lambShift = false): Promise<GeneratedModel> {
    const file = modelFile.startsWith('/') ? modelFile : join(this.root, modelFile);
    const key = `${file}|${variantName(approx, lambShift)}`;
    let p = this.cache.get(key);
    if (!p) {
      p = this.load(file, approx, lambShift);
      this.cache.set(key, p);
    }
    return p;
  }

  provenance(): Provenance[] {
    // in a fixed order, whatever order the modules were loaded in (figures load them concurrently)
    const key = (x: Provenance) => `${x.file}\u0000${x.approx}\u0000${x.lambShift ? 1 : 0}`;
    return [...this.used].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  dispose(): void {
    if (this.tmp) rmSync(this.tmp, { recursive: true, force: true });
    this.tmp = null;
  }

  private async load(file: string, approx: Approx, lambShift: boolean): Promise<GeneratedModel> {
    const rel = relative(this.root, file);
    // The module `bornmarkov derive` would write now (same header and import path as the committed ones).
    // Comparing texts, not modification times, tells a stale module from a current one on any checkout; and only
    // a file equal to what bornmarkov emits now is ever imported. The name comes from the loaded model, whose
    // loader has checked it (src/model/names.ts), so the path below stays in derivations/generated/.
    const model0 = loadModelFile(file);
    const table = (model0.lambShift === lambShift ? this.derived(file, approx) : undefined) ?? deriveTable(model0, approx, { lambShift });
    const name = table.model.name;
    const variant = variantName(approx, lambShift);
    const committed = join(this.root, 'derivations', 'generated', `${name}.${variant}.ts`);
    const source = typescriptModule(table, { source: rel, contractImport: DEFAULT_CONTRACT_IMPORT });
    let reason: string;
    if (!existsSync(committed)) reason = 'no module in derivations/generated/';
    else if (readFileSync(committed, 'utf8') !== source) reason = `${relative(this.root, committed)} differs from the current derivation of ${rel} (regenerate it with \`npx bornmarkov derive ${rel}\`)`;
    else {
      try {
        const model = await importGeneratedModel({ url: pathToFileURL(committed).href, args: { modelFile: file, approx } });
        if (model.name !== name || model.approx !== approx || Boolean(model.lambShift) !== lambShift) throw new Error(`it is the module of ${model.name} (${model.approx}${model.lambShift ? ', Lamb shift' : ''})`);
        this.used.push({ model: name, file: rel, approx, lambShift, kind: 'generated', path: relative(this.root, committed), sha256: sha(source) });
        return model;
      } catch (e) {
        reason = `${relative(this.root, committed)} cannot be used: ${(e as Error).message.split(`${this.root}/`).join('')}`;
      }
    }
    this.log(`report: ${name} (${variant}): ${reason}; using a module emitted from the current derivation`);
    if (!this.tmp) {
      this.tmp = mkdtempSync(join(tmpdir(), 'bornmarkov-report-'));
      // The emitted .ts files are ES modules: say so, or the loader treats them as CommonJS outside a "type": "module" package.
      writeFileSync(join(this.tmp, 'package.json'), '{ "type": "module" }\n');
    }
    const path = join(this.tmp, `${name}.${variant}.ts`);
    writeFileSync(path, source);
    const model = await importGeneratedModel({ url: pathToFileURL(path).href, args: { modelFile: file, approx } });
    this.used.push({ model: name, file: rel, approx, lambShift, kind: 'emitted', path: `${name}.${variant}.ts (emitted for this report)`, sha256: sha(source), reason });
    return model;
  }
}
