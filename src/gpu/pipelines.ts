/**
 * Shader sources and the pipeline cache. A kernel's WGSL is composed from the shared
 * common.wgsl and its own file; compile errors are mapped back to the file and line they came
 * from. Pipelines are compiled once per (kernel, entry point, override constants) — never per shape.
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

export class PipelineCache {
  private modules = new Map<string, Promise<GPUShaderModule>>();
  private pipelines = new Map<string, Promise<GPUComputePipeline>>();

  constructor(readonly device: GPUDevice) {}

  /** The compiled module for a source (compiled once, errors mapped to file:line). */
  module(src: ShaderSource): Promise<GPUShaderModule> {
    let m = this.modules.get(src.label);
    if (!m) {
      m = compileMapped(this.device, src);
      this.modules.set(src.label, m);
    }
    return m;
  }

  /** The pipeline for an entry point and its override constants (compiled once). */
  pipeline(src: ShaderSource, entryPoint: string, constants?: Record<string, number>): Promise<GPUComputePipeline> {
    const key = `${src.label}::${entryPoint}::${constants ? JSON.stringify(Object.entries(constants).sort()) : ''}`;
    let p = this.pipelines.get(key);
    if (!p) {
      p = this.module(src).then((m) => createCheckedComputePipeline(this.device, m, entryPoint, `${src.label}:${entryPoint}`, constants));
      this.pipelines.set(key, p);
    }
    return p;
  }
}

async function compileMapped(device: GPUDevice, src: ShaderSource): Promise<GPUShaderModule> {
  const { code, origin } = composeShader(src);
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code, label: src.label });
  const info = await module.getCompilationInfo();
  const scopeError = await device.popErrorScope();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length > 0) {
    // Report each message against the file it came from, with that file's own line numbers.
    const text = errors
      .map((m) => {
        const o = origin(m.lineNum);
        const file = src.files.find((f) => f.name === o.file)!;
        return formatCompilationMessages(o.file, file.code, [{ type: m.type, message: m.message, lineNum: o.line, linePos: m.linePos }]);
      })
      .join('\n');
    throw new ShaderCompileError(src.label, text);
  }
  if (scopeError) throw new ShaderCompileError(src.label, scopeError.message);
  return module;
}
