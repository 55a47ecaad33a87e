/**
 * Turning finetuning examples into token ids: the Alpaca-style instruction template with a
 * per-token loss mask, and the classification example (ids + where to read the answer).
 * Owns the template text and the masking rule; batching is batches.ts. No GPU, no UI.
 *
 * Template (the "### Input:" block only when the example has an input):
 *
 *   ### Instruction:
 *   {instruction}
 *
 *   ### Input:
 *   {input}
 *
 *   ### Response:
 *   {output}<|endoftext|>
 *
 * Alpaca's one-sentence preamble ("Below is an instruction that describes a task...") is left out
 * on purpose: it is about 35 tokens with the lab's 1,024-token vocabulary, a quarter or more of a
 * tiny model's context, and it is the same in every example, so it teaches nothing the headers
 * do not.
 */
import type { Tokenizer } from './tokenizer.ts';

export const INSTRUCTION_HEADER = '### Instruction:';
export const INPUT_HEADER = '### Input:';
export const RESPONSE_HEADER = '### Response:';

/** One instruction-tuning example. */
export interface InstructionExample {
  instruction: string;
  /** extra context for the instruction; omitted from the prompt when empty */
  input?: string;
  /** the desired response */
  output: string;
}

/** Everything before the response, ending with the response header and a newline. */
export function formatPrompt(ex: Pick<InstructionExample, 'instruction' | 'input'>): string {
  let s = `${INSTRUCTION_HEADER}\n${ex.instruction}`;
  if (ex.input && ex.input.trim() !== '') s += `\n\n${INPUT_HEADER}\n${ex.input}`;
  return `${s}\n\n${RESPONSE_HEADER}\n`;
}

/** An example as tokens, padded or cut to a fixed length when one is given. */
export interface FormattedExample {
  /** token ids, then <|pad|> up to the context length: (L) */
  ids: Int32Array;
  /** 1 where the token is a target that counts in the loss (response and its end-of-text), else 0: (L) */
  lossMask: Uint8Array;
  /** tokens before padding */
  length: number;
  /** tokens of the prompt (template and instruction) at the start */
  promptLength: number;
  /** true if the end was cut off to fit */
  truncated: boolean;
}

/** Options for formatInstruction. */
export interface FormatOptions {
  /** pad with <|pad|> or cut the end to exactly this many tokens (default: no padding) */
  contextLength?: number;
  /** count the prompt tokens in the loss too (default false: only the response is learned) */
  includePrompt?: boolean;
}

/**
 * Tokens and loss mask of one instruction example. Prompt and response are encoded separately, so
 * the mask boundary always falls between tokens. A cut keeps the start (the prompt); if nothing of
 * the response survives, the mask is all zero and the batcher should skip the example.
 */
export function formatInstruction(tok: Tokenizer, ex: InstructionExample, opts: FormatOptions = {}): FormattedExample {
  const prompt = tok.encode(formatPrompt(ex));
  const response = [...tok.encode(ex.output), tok.endOfTextId];
  const all = [...prompt, ...response];
  const L = opts.contextLength ?? all.length;
  if (!Number.isInteger(L) || L < 1) throw new Error(`contextLength must be a positive integer, got ${opts.contextLength}`);
  const length = Math.min(all.length, L);
  const ids = new Int32Array(L).fill(tok.padId);
  const lossMask = new Uint8Array(L);
  for (let i = 0; i < length; i++) {
    ids[i] = all[i];
    lossMask[i] = i >= prompt.length || opts.includePrompt ? 1 : 0;
  }
  return { ids, lossMask, length, promptLength: prompt.length, truncated: all.length > L };
}

/** A text for classification as tokens, with the position whose output is read. */
export interface ClassificationExample {
  /** token ids, then <|pad|>: (contextLength) */
  ids: Int32Array;
  /** index of the last non-padding token (the <|endoftext|> that closes the text) */
  lastIndex: number;
  /** true if the text was cut to fit */
  truncated: boolean;
}

/**
 * Tokens of `text` followed by <|endoftext|>, padded with <|pad|> to `contextLength`. The model
 * reads its answer at the closing <|endoftext|>: under causal attention it is the one position that
 * has seen the whole text, and it is the same token for every example. A long text loses its end
 * (the <|endoftext|> is kept).
 */
export function formatClassification(tok: Tokenizer, text: string, contextLength: number): ClassificationExample {
  if (!Number.isInteger(contextLength) || contextLength < 2) throw new Error(`contextLength must be an integer >= 2, got ${contextLength}`);
  const body = tok.encode(text);
  const n = Math.min(body.length, contextLength - 1);
  const ids = new Int32Array(contextLength).fill(tok.padId);
  for (let i = 0; i < n; i++) ids[i] = body[i];
  ids[n] = tok.endOfTextId;
  return { ids, lastIndex: n, truncated: body.length > n };
}
