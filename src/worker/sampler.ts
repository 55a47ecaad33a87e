/**
 * Sampling for the page: a KV-cache decoder (src/model/decoder.ts) that shares the training
 * model's weight buffers, so no copy is made and a sample taken mid-run uses the weights as they
 * are; each token is reported with its top candidates as soon as it is chosen. The decoder is built
 * once per training model and dropped when that model goes away.
 */
import { KVDecoder } from '../model/decoder.ts';
import type { GPUModel } from '../model/gpt.ts';
import { generateCached } from '../train/generate.ts';
import type { Tokenizer } from '../train/tokenizer.ts';
import type { SampleRequest, SampledToken } from './protocol.ts';

export class Sampler {
  private decoder: KVDecoder | undefined;
  private model: GPUModel | undefined;

  /** Frees the decoder's buffers (a new run, a reset, or a lost device). */
  drop(): void {
    try {
      this.decoder?.destroy();
    } catch {
      // its device may be gone already; nothing to free then
    }
    this.decoder = undefined;
    this.model = undefined;
  }

  async sample(source: GPUModel, tok: Tokenizer, req: SampleRequest, onToken: (t: SampledToken) => void): Promise<void> {
    if (!(Number.isInteger(req.maxTokens) && req.maxTokens >= 1 && req.maxTokens <= 1000)) throw new Error(`max tokens must be a whole number from 1 to 1000, got ${req.maxTokens}`);
    if (!(req.temperature >= 0 && req.temperature <= 5)) throw new Error(`temperature must be from 0 to 5, got ${req.temperature}`);
    if (!(req.topP > 0 && req.topP <= 1)) throw new Error(`top-p must be above 0 and at most 1, got ${req.topP}`);
    if (!(Number.isInteger(req.topK) && req.topK >= 0)) throw new Error(`top-k must be a whole number (0 = all), got ${req.topK}`);
    if (this.model !== source) {
      this.drop();
      this.decoder = await KVDecoder.create(source);
      this.model = source;
    }
    const decode = tok.streamDecoder();
    await generateCached(this.decoder!, tok, tok.encode(req.prompt), {
      temperature: req.temperature, topK: req.topK, topP: req.topP, maxTokens: req.maxTokens, seed: req.seed, showTop: 5,
    }, (t) => {
      onToken({
        id: t.token,
        text: decode(t.token),
        prob: t.prob,
        top: t.top.map((c) => ({ id: c.token, text: tok.tokenText(c.token), prob: c.prob })),
      });
    });
  }
}
