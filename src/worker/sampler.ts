/**
 * Sampling for the page: copies the training model's weights into a (B=1, T=blockSize) model
 * built once per config (the training model's buffers are sized for its batch), then generates
 * token by token, reporting each token with its top candidates as soon as it is chosen.
 */
import type { GPUModel } from '../model/gpt.ts';
import { defaultKernelChoice } from '../model/passes.ts';
import { checkpointFromModel, generate, modelFromCheckpoint } from '../train/engine.ts';
import type { Tokenizer } from '../train/tokenizer.ts';
import type { Gpu } from './run.ts';
import type { SampleRequest, SampledToken } from './protocol.ts';

export class Sampler {
  private model: GPUModel | undefined;

  /** Forgets the decoding model (after a device loss its buffers are gone). */
  drop(): void {
    this.model = undefined;
  }

  async sample(gpu: Gpu, source: GPUModel, tok: Tokenizer, req: SampleRequest, onToken: (t: SampledToken) => void): Promise<void> {
    if (!(req.maxTokens >= 1 && req.maxTokens <= 1000)) throw new Error(`max tokens must be from 1 to 1000, got ${req.maxTokens}`);
    if (!(req.temperature >= 0 && req.temperature <= 5)) throw new Error(`temperature must be from 0 to 5, got ${req.temperature}`);
    if (!(req.topP > 0 && req.topP <= 1)) throw new Error(`top-p must be above 0 and at most 1, got ${req.topP}`);
    const same = this.model && this.model.device === gpu.device && JSON.stringify(this.model.config) === JSON.stringify(source.config);
    if (!same) {
      if (this.model?.device === gpu.device) this.model.destroy();
      const ck = await checkpointFromModel(source, tok, {});
      this.model = await modelFromCheckpoint(gpu.device, gpu.cache, ck, { batchSize: 1, seqLen: ck.config.blockSize, kernels: defaultKernelChoice(gpu.isFallback) });
    } else {
      this.model!.setParams(await source.read('params'));
    }
    const decode = tok.streamDecoder();
    await generate(this.model!, tok, tok.encode(req.prompt), {
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
