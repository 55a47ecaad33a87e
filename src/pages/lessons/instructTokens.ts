/**
 * The token drawings of lesson 3 and the stages overview, computed with the trainer's own
 * functions (prompt.ts formatInstruction / formatClassification, the BPE tokenizer) so what the
 * page draws is what a training step sees: a token is "counted" exactly when the batcher
 * (batches.ts instructionBatch) puts a 1 in the loss mask for predicting it. Also loads the lab's
 * tokenizer in the page. Pages only: components get the finished MaskToken lists.
 */
import { useEffect, useState } from 'react';
import type { MaskToken } from '../../components/instruct/TokenMask.tsx';
import type { DrawnExample } from '../../components/instruct/TemplateExplorer.tsx';
import type { InstructRecord } from '../../data/types.ts';
import { formatClassification, formatInstruction, formatPrompt } from '../../train/prompt.ts';
import { ENDOFTEXT, type Tokenizer } from '../../train/tokenizer.ts';
import { loadLabTokenizer } from '../../train/lab-tokenizer.ts';

/**
 * One instruction record as a training row of a model with context T: formatted to T + 1 tokens
 * (inputs plus the shifted targets), prompt counted only when maskPrompt is false. Token i counts
 * when i >= 1 (position i-1 predicts it) and its loss-mask bit is set; padding never counts.
 */
export function drawInstruction(tok: Tokenizer, rec: InstructRecord, T: number, maskPrompt: boolean): DrawnExample {
  const f = formatInstruction(tok, rec, { contextLength: T + 1, includePrompt: !maskPrompt });
  const tokens: MaskToken[] = Array.from(f.ids, (id, i) => ({
    id,
    text: i >= f.length ? '<|pad|>' : id === tok.endOfTextId ? ENDOFTEXT : tok.tokenText(id),
    role: i >= f.length ? 'pad' : i < f.promptLength ? 'prompt' : id === tok.endOfTextId ? 'end' : 'response',
    counted: i >= 1 && i < f.length && f.lossMask[i] === 1,
  }));
  return { text: formatPrompt(rec) + rec.output + ENDOFTEXT, tokens, truncated: f.truncated, rowLength: T + 1 };
}

/** True when some of the record's response survives in a row of context T (the trainer drops the others: sources.ts formatInstructionSet). */
export function responseFits(tok: Tokenizer, rec: InstructRecord, T: number): boolean {
  const f = formatInstruction(tok, rec, { contextLength: T + 1 });
  return f.length > f.promptLength;
}

/** Pretraining: a window of raw text, every token after the first a target. */
export function drawPretrain(tok: Tokenizer, text: string, n: number): MaskToken[] {
  return tok.encode(text).slice(0, n).map((id, i) => ({ id, text: tok.tokenText(id), role: 'text', counted: i >= 1 }));
}

/**
 * Classification: the text and its closing end-of-text as the classifier reads them (context T);
 * no token is a next-token target, and the class is read at the end-of-text.
 */
export function drawClassification(tok: Tokenizer, text: string, T: number): MaskToken[] {
  const f = formatClassification(tok, text, T);
  return Array.from(f.ids.slice(0, f.lastIndex + 1), (id, i) => ({
    id,
    text: i === f.lastIndex ? ENDOFTEXT : tok.tokenText(id),
    role: i === f.lastIndex ? 'label' : 'text',
    counted: false,
  }));
}

/** The lab's tokenizer (public/models/tokenizer.json) under this page's base, fetched once per page load. */
export const loadPageTokenizer = (): Promise<Tokenizer> => loadLabTokenizer(new URL(import.meta.env.BASE_URL, document.baseURI).href);

/** The lab's tokenizer for a component: null until loaded, or the error. */
export function useLabTokenizer(): { tok: Tokenizer | null; error: string | null } {
  const [st, setSt] = useState<{ tok: Tokenizer | null; error: string | null }>({ tok: null, error: null });
  useEffect(() => {
    let live = true;
    loadPageTokenizer().then(
      (tok) => live && setSt({ tok, error: null }),
      (e: unknown) => live && setSt({ tok: null, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return st;
}
