/**
 * Shader sources and the pipeline cache. A kernel's WGSL is composed from the shared
 * common.wgsl and its own file; compile errors are mapped back to the file and line they came
 * from. Pipelines are compiled once per (composed source text, entry point, override constants) —
 * never per shape. A file's text can be replaced in every source that includes it (the kernel lab
 * swaps an edited kernel into a live run this way); the cache is keyed by the text, so the shipped
 * and the edited versions each compile once and restoring costs nothing.
 */
import { createCheckedComputePipeline, formatCompilationMessages, ShaderCompileError } from './shader.ts';

/** One WGSL file: its name (for messages) and its text. */
export interface WgslFile {
  name: string;
  code: string;
}

/** A kernel's shader: the files concatenated in order, usually [common.wgsl, X.wgsl]. */
export interface ShaderSource {
  label: string;
  files: WgslFile[];
}

/** Concatenates the files and returns, for each line of the result, where it came from. */
export function composeShader(src: ShaderSource): { code: string; origin: (line: number) => { file: string; line: number } } {
  const starts: { file: string; first: number }[] = [];
  let line = 1;
  const parts: string[] = [];
  for (const f of src.files) {
    const text = f.code.endsWith('\n') ? f.code : `${f.code}\n`;
    starts.push({ file: f.name, first: line });
    parts.push(text);
    line += text.split('\n').length - 1;
  }
  const origin = (n: number) => {
    let s = starts[0];
    for (const st of starts) if (st.first <= n) s = st;
    return { file: s.file, line: n - s.first + 1 };
  };
  return { code: parts.join(''), origin };
}

/** Replaces the text of the files named in `overrides` (file name -> code); other files are kept. */
export function withFiles(src: ShaderSource, overrides: ReadonlyMap<string, string>): ShaderSource {
  if (!src.files.some((f) => overrides.has(f.name))) return src;
  return { label: src.label, files: src.files.map((f) => (overrides.has(f.name) ? { name: f.name, code: overrides.get(f.name)! } : f)) };
}

export class PipelineCache {
  /** by composed source text */
  private modules = new Map<string, { id: number; module: Promise<GPUShaderModule> }>();
  private pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private overrides = new Map<string, string>();
  /** each source's composed text under the current overrides (cleared when they change) */
  private composed = new WeakMap<ShaderSource, { resolved: ShaderSource; code: string }>();

  constructor(readonly device: GPUDevice) {}

  /**
   * Runs `code` wherever `file` is included from now on (null: the shipped text again). Dispatches
   * already built keep their pipelines: a model rebuilds its dispatches to pick the change up.
   */
  setOverride(file: string, code: string | null): void {
    if (code === null) this.overrides.delete(file);
    else this.overrides.set(file, code);
    this.composed = new WeakMap();
  }

  /** The files replaced now, by name. */
  get overridden(): ReadonlyMap<string, string> {
    return this.overrides;
  }

  private entry(src: ShaderSource): { id: number; module: Promise<GPUShaderModule> } {
    let c = this.composed.get(src);
    if (!c) {
      const resolved = withFiles(src, this.overrides);
      c = { resolved, code: composeShader(resolved).code };
      this.composed.set(src, c);
    }
    const { resolved, code } = c;
    let e = this.modules.get(code);
    if (!e) {
      e = { id: this.modules.size, module: compileMapped(this.device, resolved) };
      this.modules.set(code, e);
    }
    return e;
  }

  /** The compiled module for a source, with any overrides (compiled once per text, errors mapped to file:line). */
  module(src: ShaderSource): Promise<GPUShaderModule> {
    return this.entry(src).module;
  }

  /** The pipeline for an entry point and its override constants (compiled once). */
  pipeline(src: ShaderSource, entryPoint: string, constants?: Record<string, number>): Promise<GPUComputePipeline> {
    const e = this.entry(src);
    const key = `${e.id}::${entryPoint}::${constants ? JSON.stringify(Object.entries(constants).sort()) : ''}`;
    let p = this.pipelines.get(key);
    if (!p) {
      p = e.module.then((m) => createCheckedComputePipeline(this.device, m, entryPoint, `${src.label}:${entryPoint}`, constants));
      this.pipelines.set(key, p);
    }
    return p;
  }
}

/** A compiler message placed in the file it came from, with that file's own line numbers (1-based). */
export interface MappedMessage {
  type: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  line: number;
  /** column, 1-based (0 when the compiler gave no position) */
  column: number;
  /** characters the message covers (at least 1 when it has a position) */
  length: number;
}

/**
 * Compiles a composed source and returns every message (errors, warnings, notes) mapped back to
 * its file and line, plus the module. A validation error without a position comes back as an
 * error on line 0 of the source's last file.
 */
export async function compileWithMessages(device: GPUDevice, src: ShaderSource): Promise<{ module: GPUShaderModule; messages: MappedMessage[] }> {
  const { code, origin } = composeShader(src);
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code, label: src.label });
  const info = await module.getCompilationInfo();
  const scopeError = await device.popErrorScope();
  const messages: MappedMessage[] = info.messages.map((m) => {
    const o = m.lineNum > 0 ? origin(m.lineNum) : { file: src.files.at(-1)!.name, line: 0 };
    return { type: m.type, message: m.message, file: o.file, line: o.line, column: m.linePos, length: Math.max(1, m.length ?? 1) };
  });
  if (scopeError && !messages.some((m) => m.type === 'error')) {
    messages.push({ type: 'error', message: scopeError.message, file: src.files.at(-1)!.name, line: 0, column: 0, length: 0 });
  }
  return { module, messages };
}

async function compileMapped(device: GPUDevice, src: ShaderSource): Promise<GPUShaderModule> {
  const { module, messages } = await compileWithMessages(device, src);
  const errors = messages.filter((m) => m.type === 'error');
  if (errors.length > 0) {
    // Report each message against the file it came from, with that file's own line numbers.
    const text = errors
      .map((m) => {
        const file = src.files.find((f) => f.name === m.file)!;
        return m.line > 0 ? formatCompilationMessages(m.file, file.code, [{ type: m.type, message: m.message, lineNum: m.line, linePos: m.column }]) : m.message;
      })
      .join('\n');
    throw new ShaderCompileError(src.label, text);
  }
  return module;
}
