/**
 * Checks a checkpoint file before the page keeps it: the bytes must be a valid lab checkpoint
 * (checkpoint.ts names the field that is wrong) and its tokenizer must be the lab's, or its token
 * ids would mean different words than the corpus the page trains on. Pure: nothing is stored or
 * changed here, so a bad file leaves the model and the saved slots as they were.
 */
import { PRESETS } from '../model/config.ts';
import { loadCheckpoint, type Checkpoint } from '../train/checkpoint.ts';
import type { Tokenizer } from '../train/tokenizer.ts';
import type { SlotInfo } from './protocol.ts';
import { lineage } from './settings.ts';

/** The parsed checkpoint, or an Error whose message starts with the file name. */
export function checkUpload(bytes: Uint8Array, name: string, labTokenizer: Tokenizer): Checkpoint {
  const ck = loadCheckpoint(bytes, name);
  const t = ck.tokenizer;
  if (t.vocabSize !== labTokenizer.vocabSize) {
    throw new Error(`${name}: its tokenizer has ${t.vocabSize} tokens, the lab's has ${labTokenizer.vocabSize}; it was trained on other token ids and cannot continue on this corpus`);
  }
  const r = t.merges.findIndex(([a, b], i) => a !== labTokenizer.merges[i][0] || b !== labTokenizer.merges[i][1]);
  if (r >= 0) throw new Error(`${name}: its tokenizer differs from the lab's at merge ${r}; it was trained on other token ids and cannot continue on this corpus`);
  if (ck.config.dropout !== 0) throw new Error(`${name}: config.dropout is ${ck.config.dropout}; the lab trains without dropout (0)`);
  return ck;
}

/** The list entry for a checkpoint saved under `name`. */
export function slotFor(name: string, bytes: number, ck: Checkpoint, preset: string, now = Date.now()): SlotInfo {
  const p = PRESETS.find((q) => JSON.stringify({ ...q.config, vocabSize: ck.config.vocabSize }) === JSON.stringify(ck.config));
  return {
    id: `ck-${now.toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`,
    name: name.trim() || 'checkpoint',
    savedAt: now,
    bytes,
    step: ck.optimizer?.step ?? Number(ck.info?.steps ?? 0),
    preset: p?.id ?? preset,
    auto: false,
    ...lineage(ck.info),
  };
}
