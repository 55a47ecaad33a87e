/**
 * File and device helpers for the command-line trainer: reading the shipped datasets and
 * checkpoints with errors that name the file, writing outputs, opening the WebGPU device, and a
 * progress line with tokens/s and ETA.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PipelineCache } from '../gpu/pipelines.ts';
import { requestNodeDevice } from '../gpu/node.ts';
import { loadCheckpoint, saveCheckpoint, type Checkpoint } from '../train/checkpoint.ts';

export const DEFAULT_TRAIN_TEXT = 'public/datasets/corpus-train.txt';
export const DEFAULT_VAL_TEXT = 'public/datasets/corpus-val.txt';
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

export function writeOut(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
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
  console.error(`adapter: ${report.name}`);
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
