/**
 * File and device helpers for the command-line trainer: reading the shipped datasets and
 * checkpoints with errors that name the file, writing outputs, opening the WebGPU device, and a
 * progress line with tokens/s and ETA.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PipelineCache } from '../gpu/pipelines.ts';
import { requestNodeDevice } from '../gpu/node.ts';
import { defaultKernelChoice, deviceKernels } from '../model/passes.ts';
import { loadCheckpoint, saveCheckpoint, type Checkpoint } from '../train/checkpoint.ts';
import type { ParsedOptions } from './args.ts';

export const DEFAULT_TRAIN_TEXT = 'public/datasets/corpus-train.txt';
export const DEFAULT_VAL_TEXT = 'public/datasets/corpus-val.txt';
export const DEFAULT_BIOS_TEXT = 'public/datasets/world-bios.txt';
export const BASE_CHECKPOINT = 'public/models/base-small.safetensors';

export class CliError extends Error {}

export function readBytes(path: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new CliError(`cannot read ${what} "${path}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

export function readText(path: string, what: string): string {
  const bytes = readBytes(path, what);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${what} "${path}" is not UTF-8 text`);
  }
}

/** Writes beside the file and renames over it, so a run killed mid-write leaves the previous file whole. */
export function writeOut(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const part = `${path}.part`;
  writeFileSync(part, data);
  renameSync(part, path);
}

export function readCheckpoint(path: string): Checkpoint {
  const bytes = readBytes(path, 'checkpoint');
  try {
    return loadCheckpoint(bytes, path);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

export function writeCheckpoint(path: string, ck: Checkpoint): number {
  const bytes = saveCheckpoint(ck);
  writeOut(path, bytes);
  return bytes.length;
}

/** The WebGPU device and a pipeline cache, with the adapter named on stderr. */
export async function openEngine(): Promise<{ device: GPUDevice; cache: PipelineCache }> {
  const { device, report } = await requestNodeDevice({
    onUncapturedError: (m) => console.error(`WebGPU error: ${m}`),
    onLost: (i) => console.error(`WebGPU device lost: ${i.message}`),
  });
  // Every model built on this device runs the kernels its adapter suits (software: no barriers).
  const kernels = defaultKernelChoice(report.isFallback, device.features.has('subgroups'));
  deviceKernels.set(device, kernels);
  console.error(`adapter: ${report.name}${report.isFallback ? '' : ` (kernels: ${kernels.matmul} products, a ${kernels.rows} per row)`}`);
  return { device, cache: new PipelineCache(device) };
}

/** "1h 02m", "3m 05s", "12s" */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** The options that define a run, as its checkpoints record them so --resume can continue it exactly. */
export function recordSettings(o: ParsedOptions, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

/**
 * Puts the run options a checkpoint recorded back into `o` (what was typed for them is ignored:
 * a resumed run is the same run). A CliError when the file is not a `stage` checkpoint with them.
 */
export function applyRecordedSettings(o: ParsedOptions, info: Record<string, unknown>, keys: readonly string[], stage: string, file: string, instead: string): void {
  const rec = info.settings as Record<string, string | number | boolean | undefined> | undefined;
  if (!rec || info.stage !== stage) throw new CliError(`${file}: not a ${stage} checkpoint with recorded settings, so it cannot be resumed (${instead})`);
  for (const k of keys) o[k] = rec[k];
}

/**
 * Runs `body` with Ctrl-C (or SIGTERM/SIGHUP) turned into a request to stop: the first sets stopped() and prints
 * `message` (what the command will do now), a second quits at once (exit 130). The handler is
 * removed when body settles.
 */
export async function withInterrupt<T>(message: string, body: (stopped: () => boolean) => Promise<T>): Promise<T> {
  let interrupted = false;
  const onInterrupt = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(message);
  };
  // SIGTERM and SIGHUP (kill, a closed terminal) mean the same as Ctrl-C: save, then stop.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const s of signals) process.on(s, onInterrupt);
  try {
    return await body(() => interrupted);
  } finally {
    for (const s of signals) process.off(s, onInterrupt);
  }
}
