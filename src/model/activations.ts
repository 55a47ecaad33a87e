/**
 * The GPT's activation table for a batch (B, T): what the forward pass writes and the backward
 * pass reads, llm.c's list. Each row becomes its own GPU buffer (WebGPU forbids binding one buffer
 * as both read-only and writable in a dispatch, and kernels read one activation while writing
 * another), and the same table names the CPU reference's arrays.
 */
import type { GPTConfig } from './config.ts';

export interface ActSpec {
  name: string;
  shape: number[];
  /** the backward pass needs a gradient buffer for it */
  grad: boolean;
}

/** Names of layer l's activations, e.g. `h.2.qkv`. */
export const act = (l: number, name: string) => `h.${l}.${name}`;

export function gptActSpecs(c: GPTConfig, B: number, T: number): ActSpec[] {
  const C = c.nEmbd;
  const NH = c.nHead;
  const rows: ActSpec[] = [{ name: 'encoded', shape: [B, T, C], grad: true }];
  for (let l = 0; l < c.nLayer; l++) {
    rows.push(
      { name: act(l, 'ln1'), shape: [B, T, C], grad: true },
      { name: act(l, 'ln1_mean'), shape: [B, T], grad: false },
      { name: act(l, 'ln1_rstd'), shape: [B, T], grad: false },
      { name: act(l, 'qkv'), shape: [B, T, 3 * C], grad: true },
      { name: act(l, 'atty'), shape: [B, T, C], grad: true },
      { name: act(l, 'att'), shape: [B, NH, T, T], grad: false },
      { name: act(l, 'attproj'), shape: [B, T, C], grad: true },
      { name: act(l, 'residual2'), shape: [B, T, C], grad: true },
      { name: act(l, 'ln2'), shape: [B, T, C], grad: true },
      { name: act(l, 'ln2_mean'), shape: [B, T], grad: false },
      { name: act(l, 'ln2_rstd'), shape: [B, T], grad: false },
      { name: act(l, 'fch'), shape: [B, T, 4 * C], grad: true },
      { name: act(l, 'fch_gelu'), shape: [B, T, 4 * C], grad: true },
      { name: act(l, 'fcproj'), shape: [B, T, C], grad: true },
      { name: act(l, 'residual3'), shape: [B, T, C], grad: true },
    );
  }
  rows.push(
    { name: 'lnf', shape: [B, T, C], grad: true },
    { name: 'lnf_mean', shape: [B, T], grad: false },
    { name: 'lnf_rstd', shape: [B, T], grad: false },
    { name: 'logits', shape: [B, T, c.vocabSize], grad: true },
    { name: 'losses', shape: [B, T], grad: false },
  );
  return rows;
}

export const numel = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
