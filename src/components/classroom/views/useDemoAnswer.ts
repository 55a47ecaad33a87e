/**
 * The demo's requests on a model, sent once per (model, input) through api.ts in the window that
 * runs the demo, and read back with useAnswer: a fixed-seed sample, or a text's class
 * probabilities. A changed model or input sends a new request; nothing is sent without a GPU.
 */
import { useEffect, useState } from 'react';
import { DEMO_SAMPLING } from '../../../lessons/classroom/script.ts';
import { classifyText, sampleFrom, useAnswer } from '../../../store/api.ts';
import { useLab } from '../../../store/index.ts';

function useRequest(key: string | null, send: () => number): number | null {
  const gpuReady = useLab((s) => s.gpu.state === 'ready');
  const [sent, setSent] = useState<{ key: string; id: number } | null>(null);
  useEffect(() => {
    if (key === null || !gpuReady || sent?.key === key) return;
    setSent({ key, id: send() });
    // send is rebuilt every render; the key says when to ask again
  }, [key, gpuReady, sent]);
  return sent && sent.key === key ? sent.id : null;
}

/** The text a model writes after `prompt` with the demo's fixed seed; null model: nothing asked. */
export function useDemoSample(model: string | null, prompt: string, template: boolean, runs: boolean) {
  const key = runs && model ? `${model}\u0000${template}\u0000${prompt}` : null;
  const id = useRequest(key, () => sampleFrom(model!, { prompt, template, ...DEMO_SAMPLING }));
  const stream = useLab((s) => (id === null ? undefined : s.samples[id]));
  return { text: stream ? stream.tokens.map((t) => t.text).join('') : '', running: stream?.running ?? id !== null, error: stream?.error ?? null };
}

/** A classifier's spam probability for a text (the key may add e.g. a run step to ask again). */
export function useDemoVerdict(model: string | null, text: string, runs: boolean, again = '') {
  const key = runs && model && text.trim() ? `${model}\u0000${again}\u0000${text}` : null;
  const id = useRequest(key, () => classifyText(model!, text));
  return useAnswer('classProbs', id);
}
