/**
 * What the model drawing shows, derived from the parameter table (model/params.ts) and the
 * freezing choices (model/finetune.ts), never counted by hand: the model's parts row by row
 * (embeddings, each block's norms, attention, MLP and LoRA adapters, the final norm and the head),
 * each with its parameter count and how many of them train, and LoRA's matrix shapes. The counts
 * are those the engine reports for a run of the same choice. Pure data; no React.
 */
import { PRESETS, type GPTConfig } from '../model/config.ts';
import { frozenFor, parameterCounts, type FreezeChoice } from '../model/finetune.ts';
import { LORA_TARGETS, loraDims, type LoraTarget } from '../model/lora.ts';
import { gptParamSpecs, type ParamOptions } from '../model/params.ts';
import { lessonLora } from '../train/finetune-setup.ts';

/** What a part of the model is, for its colour and label. */
export type PartKind = 'embed' | 'norm' | 'attn' | 'mlp' | 'lora' | 'head';

export interface ModelPart {
  /** stable id, e.g. `h.0.attn`, `wte`, `head` */
  id: string;
  kind: PartKind;
  label: string;
  /** parameters in this part (0 for a head tied to the token embedding) */
  count: number;
  /** of which train */
  trainable: number;
  /** the LM head, which reuses the token embedding's weights */
  tied?: boolean;
  /** for a tied head: whether the token embedding it reuses trains */
  tiedTrains?: boolean;
}

export interface ModelRow {
  label: string;
  parts: ModelPart[];
}

export interface ModelDrawing {
  config: GPTConfig;
  rows: ModelRow[];
  trainable: number;
  total: number;
}

/** What to draw: a preset's model, with a class head or the LM head, and what trains. */
export interface DrawingSpec {
  preset: string;
  /** 'classify': lesson 2's 2-class head; 'lm': the tied language-model head */
  head: 'lm' | 'classify';
  /** what trains; absent = everything (pretraining); 'nothing' = a frozen copy (a reference model) */
  choice?: FreezeChoice | 'nothing';
  /** LoRA rank when choice is 'lora' */
  loraRank?: number;
}

export const presetConfig = (preset: string): GPTConfig | undefined => PRESETS.find((p) => p.id === preset)?.config;

/** The model options a spec trains with: the same as the engine builds (finetune-setup.ts planOptions). */
export function specOptions(c: GPTConfig, s: DrawingSpec): ParamOptions {
  const head = { nClasses: s.head === 'classify' ? 2 : undefined, lora: s.choice === 'lora' ? lessonLora(s.loraRank ?? 8) : undefined };
  const frozen = s.choice === undefined ? [] : s.choice === 'nothing' ? gptParamSpecs(c, head).map((t) => t.name) : frozenFor(s.choice, c, head);
  return { ...head, frozen };
}

const LORA_GROUP: Record<LoraTarget, 'attn' | 'mlp'> = { 'attn.c_attn': 'attn', 'attn.c_proj': 'attn', 'mlp.c_fc': 'mlp', 'mlp.c_proj': 'mlp' };

/** Which part a tensor belongs to. */
function partOf(name: string): { id: string; kind: PartKind; label: string } {
  if (name === 'wte.weight') return { id: 'wte', kind: 'embed', label: 'token embedding' };
  if (name === 'wpe.weight') return { id: 'wpe', kind: 'embed', label: 'position embedding' };
  if (name.startsWith('ln_f.')) return { id: 'ln_f', kind: 'norm', label: 'final norm' };
  if (name.startsWith('cls.')) return { id: 'head', kind: 'head', label: 'class head' };
  const m = /^h\.(\d+)\.(ln_1|ln_2|attn|mlp)\.(?:(c_attn|c_proj|c_fc)\.)?(weight|bias|lora_A|lora_B)$/.exec(name);
  if (!m) throw new Error(`model drawing: no part for tensor "${name}"`);
  const [, l, sub, mat, what] = m;
  if (what.startsWith('lora_')) {
    const group = LORA_GROUP[`${sub}.${mat}` as LoraTarget];
    return { id: `h.${l}.${group}.lora`, kind: 'lora', label: `${group === 'attn' ? 'attention' : 'MLP'} LoRA` };
  }
  if (sub === 'ln_1' || sub === 'ln_2') return { id: `h.${l}.${sub}`, kind: 'norm', label: sub === 'ln_1' ? 'norm 1' : 'norm 2' };
  return { id: `h.${l}.${sub}`, kind: sub as 'attn' | 'mlp', label: sub === 'attn' ? 'attention' : 'MLP' };
}

/** The part order within a block: each matrix group followed by its adapters. */
const BLOCK_ORDER = ['ln_1', 'attn', 'attn.lora', 'ln_2', 'mlp', 'mlp.lora'];

/** The drawing of a spec's model, or undefined for an unknown preset. */
export function modelDrawing(s: DrawingSpec): ModelDrawing | undefined {
  const c = presetConfig(s.preset);
  if (!c) return undefined;
  const specs = gptParamSpecs(c, specOptions(c, s));
  const parts = new Map<string, ModelPart>();
  for (const t of specs) {
    const p = partOf(t.name);
    const n = t.shape.reduce((a, b) => a * b, 1);
    const part = parts.get(p.id) ?? { ...p, count: 0, trainable: 0 };
    part.count += n;
    if (!t.frozen) part.trainable += n;
    parts.set(p.id, part);
  }
  const wte = parts.get('wte')!;
  if (!parts.has('head')) parts.set('head', { id: 'head', kind: 'head', label: 'LM head (tied)', count: 0, trainable: 0, tied: true, tiedTrains: wte.trainable > 0 });
  const rows: ModelRow[] = [{ label: 'embeddings', parts: [wte, parts.get('wpe')!] }];
  for (let l = 0; l < c.nLayer; l++) {
    rows.push({ label: `block ${l + 1}`, parts: BLOCK_ORDER.map((k) => parts.get(`h.${l}.${k}`)).filter((p): p is ModelPart => !!p) });
  }
  rows.push({ label: 'output', parts: [parts.get('ln_f')!, parts.get('head')!] });
  return { config: c, rows, ...parameterCounts(specs) };
}

/** One adapted matrix of a block: W (out × in) and its LoRA factors B (out × r) and A (r × in). */
export interface LoraShape {
  target: LoraTarget;
  Cin: number;
  Cout: number;
  rank: number;
}

/** The shapes of every matrix LoRA adapts in one block of a preset's model (the lesson adapts all four). */
export function loraShapes(preset: string, rank: number): LoraShape[] {
  const c = presetConfig(preset);
  if (!c) return [];
  return lessonLora(rank).targets.map((target) => ({ target, rank, ...loraDims(c, target) }));
}

export { LORA_TARGETS };
