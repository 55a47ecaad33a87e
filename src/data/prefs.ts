/**
 * Preference pairs for lesson 4 (DPO): an instruction, the answer to prefer (`chosen`) and the one
 * to avoid (`rejected`). The built-in file (public/datasets/world-prefs.jsonl) also says which kind
 * of pair it is and whom it asks about; a learner's file needs only the three texts. Reads .jsonl
 * (one object a line); every error names the file, the line and the field. Pure: no I/O, no GPU.
 */
import type { DataError, Parsed } from './errors.ts';
import { parseJsonl, requireTexts } from './jsonl.ts';
import { ATTRIBUTES, type Attribute } from './world.ts';

/** What a built-in pair teaches: refuse about someone unknown, or answer about someone known. */
export const PAIR_KINDS = ['unknown', 'known'] as const;
export type PairKind = (typeof PAIR_KINDS)[number];

/** One preference pair. The instruction goes into the instruct template; the answers are responses. */
export interface PrefPair {
  instruction: string;
  /** the response to make likelier */
  chosen: string;
  /** the response to make less likely */
  rejected: string;
  /** built-in pairs: refusal about a made-up person, or a known person's right answer */
  kind?: PairKind;
  /** built-in pairs: whom the question is about */
  name?: string;
  /** built-in pairs: what it asks */
  attribute?: Attribute;
}

const TEXTS = ['instruction', 'chosen', 'rejected'] as const;

/** Check one parsed JSON value and turn it into a pair, or push the errors it has. */
export function validatePair(file: string, line: number, v: unknown, errors: DataError[]): PrefPair | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    errors.push({ file, line, message: 'expected a JSON object with "instruction", "chosen" and "rejected"' });
    return undefined;
  }
  const o = v as Record<string, unknown>;
  const before = errors.length;
  requireTexts(file, line, o, TEXTS, errors);
  if (errors.length === before && (o.chosen as string).trim() === (o.rejected as string).trim()) {
    errors.push({ file, line, field: 'rejected', message: '"rejected" is the same text as "chosen": a pair needs two different answers' });
  }
  if ('kind' in o && !PAIR_KINDS.includes(o.kind as PairKind)) errors.push({ file, line, field: 'kind', message: `"kind" must be one of ${PAIR_KINDS.join(', ')} when present` });
  if ('name' in o && typeof o.name !== 'string') errors.push({ file, line, field: 'name', message: '"name" must be a string when present' });
  if ('attribute' in o && !ATTRIBUTES.includes(o.attribute as Attribute)) errors.push({ file, line, field: 'attribute', message: `"attribute" must be one of ${ATTRIBUTES.join(', ')} when present` });
  if (errors.length > before) return undefined;
  const p: PrefPair = { instruction: o.instruction as string, chosen: o.chosen as string, rejected: o.rejected as string };
  if (o.kind) p.kind = o.kind as PairKind;
  if (typeof o.name === 'string') p.name = o.name;
  if (o.attribute) p.attribute = o.attribute as Attribute;
  return p;
}

/** Parse JSON Lines of pairs: one pair per non-blank line. */
export function parsePrefsJsonl(file: string, text: string): Parsed<PrefPair[]> {
  return parseJsonl(file, text, validatePair, 'pairs');
}
