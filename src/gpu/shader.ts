/**
 * Shader modules and compute pipelines with errors that point at the WGSL source:
 * `getCompilationInfo()` messages are formatted with the file name, line, column and the line
 * itself, and pipeline creation runs inside a validation error scope.
 */

export class ShaderCompileError extends Error {
  constructor(
    readonly label: string,
    readonly formatted: string,
  ) {
    super(`WGSL in ${label} failed to compile:\n${formatted}`);
    this.name = 'ShaderCompileError';
  }
}

export interface CompilationMessageLike {
  type: string;
  message: string;
  lineNum: number;
  linePos: number;
}

/** Formats compiler messages as `file:line:col: error: text` followed by the source line and a caret. */
export function formatCompilationMessages(label: string, code: string, messages: readonly CompilationMessageLike[]): string {
  const lines = code.split('\n');
  return messages
    .map((m) => {
      const head = `${label}:${m.lineNum}:${m.linePos}: ${m.type}: ${m.message}`;
      const src = m.lineNum > 0 ? lines[m.lineNum - 1] : undefined;
      if (src === undefined) return head;
      const caret = ' '.repeat(Math.max(0, m.linePos - 1)) + '^';
      return `${head}\n  ${src}\n  ${caret}`;
    })
    .join('\n');
}

/** Creates a shader module and throws a ShaderCompileError (with formatted messages) if it has errors. */
export async function createCheckedShaderModule(device: GPUDevice, code: string, label: string): Promise<GPUShaderModule> {
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code, label });
  const info = await module.getCompilationInfo();
  const scopeError = await device.popErrorScope();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length > 0) throw new ShaderCompileError(label, formatCompilationMessages(label, code, errors));
  if (scopeError) throw new ShaderCompileError(label, scopeError.message);
  return module;
}

/** Creates a compute pipeline for `entryPoint`, reporting validation errors with the label. */
export async function createCheckedComputePipeline(
  device: GPUDevice,
  module: GPUShaderModule,
  entryPoint: string,
  label: string,
  constants?: Record<string, number>,
): Promise<GPUComputePipeline> {
  device.pushErrorScope('validation');
  let pipeline: GPUComputePipeline;
  try {
    pipeline = await device.createComputePipelineAsync({ label, layout: 'auto', compute: { module, entryPoint, constants } });
  } catch (e) {
    await device.popErrorScope();
    throw new Error(`Pipeline ${label} (entry ${entryPoint}) could not be created: ${String((e as Error).message ?? e)}`);
  }
  const err = await device.popErrorScope();
  if (err) throw new Error(`Pipeline ${label} (entry ${entryPoint}) is invalid: ${err.message}`);
  return pipeline;
}
