/**
 * Sampling for the page: a KV-cache decoder (src/model/decoder.ts) that shares the training
 * model's weight buffers, so no copy is made and a sample taken mid-run uses the weights as they
 * are; each token is reported with its top candidates as soon as it is chosen. One decoder per model
 * (the run's, and each checkpoint the model cache holds), built on first use and dropped when that
 * model goes away; requests on one model queue (a decoder takes one step at a time), requests on
 * different models stream side by side. `template` wraps the prompt in the instruction template.
 */
import { KVDecoder } from '../model/decoder.ts';
import type { GPUModel } from '../model/gpt.ts';
import { generateCached } from '../train/generate.ts';
import { formatPrompt } from '../train/prompt.ts';
import type { Tokenizer } from '../train/tokenizer.ts';
import type { SampleRequest, SampledToken } from './protocol.ts';

/** The instruction template around a page prompt (SampleRequest.template). */
export const templated = (prompt: string) => formatPrompt({ instruction: prompt });

interface Slot {
  decoder: Promise<KVDecoder>;
  /** the last request on this decoder: a decoder takes one step at a time, so requests queue */
  queue: Promise<unknown>;
}

export class Sampler {
  private readonly decoders = new Map<GPUModel, Slot>();

  /** Frees every decoder's buffers (a reset, or a lost device). */
  drop(): void {
    for (const m of [...this.decoders.keys()]) void this.dropModel(m);
  }

  /**
   * Frees the decoder of one model (it is going away: a new run, or evicted from the model cache),
   * after its queued requests (freeing a decoder mid-request would fail them). Resolves when freed.
   */
  async dropModel(model: GPUModel): Promise<void> {
    const slot = this.decoders.get(model);
    if (!slot) return;
    this.decoders.delete(model);
    await slot.queue;
    try {
      (await slot.decoder).destroy();
    } catch {
      // never built, or its device is gone already: nothing to free then
    }
  }

  /** Runs `f` on the model's decoder (built on first use) once the requests before it are done. */
  withDecoder<T>(model: GPUModel, f: (d: KVDecoder) => Promise<T>): Promise<T> {
    let slot = this.decoders.get(model);
    if (!slot) {
      slot = { decoder: KVDecoder.create(model), queue: Promise.resolve() };
      this.decoders.set(model, slot);
    }
    const s = slot;
    const run = s.queue.then(() => s.decoder).then(f);
    s.queue = run.catch(() => {});
    return run;
  }

  async sample(source: GPUModel, tok: Tokenizer, req: SampleRequest, onToken: (t: SampledToken) => void): Promise<void> {
    if (!(Number.isInteger(req.maxTokens) && req.maxTokens >= 1 && req.maxTokens <= 1000)) throw new Error(`max tokens must be a whole number from 1 to 1000, got ${req.maxTokens}`);
    if (!(req.temperature >= 0 && req.temperature <= 5)) throw new Error(`temperature must be from 0 to 5, got ${req.temperature}`);
    if (!(req.topP > 0 && req.topP <= 1)) throw new Error(`top-p must be above 0 and at most 1, got ${req.topP}`);
    if (!(Number.isInteger(req.topK) && req.topK >= 0)) throw new Error(`top-k must be a whole number (0 = all), got ${req.topK}`);
    if (source.opts.nClasses) throw new Error('this model is a classifier: it answers with class probabilities, not text (try it on a message instead)');
    const prompt = req.template ? templated(req.prompt) : req.prompt;
    await this.withDecoder(source, async (decoder) => {
      const decode = tok.streamDecoder();
      await generateCached(decoder, tok, tok.encode(prompt), {
        temperature: req.temperature, topK: req.topK, topP: req.topP, maxTokens: req.maxTokens, seed: req.seed, showTop: 5,
      }, (t) => {
        onToken({
          id: t.token,
          text: decode(t.token),
          prob: t.prob,
          top: t.top.map((c) => ({ id: c.token, text: tok.tokenText(c.token), prob: c.prob })),
        });
      });
    });
  }
}
