// The committed preference pairs hold what the datasets README states: the counts of each kind,
// unknown pairs about new made-up people (in no world file, names drawn like the world's), known
// pairs about sft people with their true answers, and no held-out or unknown person of the world.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePrefsJsonl } from '../../src/data/prefs.ts';
import type { DatasetManifest } from '../../src/data/types.ts';
import { ATTRIBUTES, parseWorld, question, REFUSAL, WORDING } from '../../src/data/world.ts';
import { loadTokenizer } from '../../src/train/tokenizer-json.ts';
import { OUT_DIR, SOURCES } from './build.ts';
import { PREF_COUNTS } from './prefs.ts';
import { NAME_TOKENS, VALUES } from './world.ts';

const read = (f: string) => readFileSync(join(OUT_DIR, f), 'utf8');
const manifest = JSON.parse(read('manifest.json')) as DatasetManifest;
const unwrap = <T>(r: { ok: true; value: T } | { ok: false; errors: unknown[] }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
const people = unwrap(parseWorld('world.jsonl', read(manifest.world.file)));
const pairs = unwrap(parsePrefsJsonl('world-prefs.jsonl', read(manifest.prefs.file)));
const worldText = read(manifest.world.file) + read(manifest.world.biosFile) + read(manifest.instruct.file);

describe('world-prefs.jsonl', () => {
  it('has the generator counts, recorded in the manifest, with the kinds interleaved', () => {
    const unknown = pairs.filter((p) => p.kind === 'unknown');
    const known = pairs.filter((p) => p.kind === 'known');
    expect(unknown.length).toBe(PREF_COUNTS.madeUpPeople * PREF_COUNTS.attributes.length);
    expect(known.length).toBe(PREF_COUNTS.knownPeople * PREF_COUNTS.attributes.length);
    expect(unknown.length + known.length).toBe(pairs.length);
    expect(manifest.prefs).toMatchObject({ madeUpPeople: PREF_COUNTS.madeUpPeople, knownPeople: PREF_COUNTS.knownPeople, pairs: { unknown: unknown.length, known: known.length } });
    // Interleaved: the first 50 pairs hold both kinds.
    expect(new Set(pairs.slice(0, 50).map((p) => p.kind)).size).toBe(2);
  });

  it('unknown pairs: new made-up names in no world file, each asked every attribute, refusal over a made-up answer in the taught wording', () => {
    const tok = loadTokenizer(readFileSync(SOURCES.tokenizer, 'utf8'));
    const worldHalves = new Set(people.flatMap((p) => p.name.split(' ')));
    const unknown = pairs.filter((p) => p.kind === 'unknown');
    const names = new Set(unknown.map((p) => p.name!));
    expect(names.size).toBe(PREF_COUNTS.madeUpPeople);
    for (const name of names) {
      expect(worldText.includes(name), name).toBe(false);
      const [first, last] = name.split(' ');
      expect(worldHalves.has(first) || worldHalves.has(last), name).toBe(false);
      expect(tok.encode(` ${first}`).length).toBeLessThanOrEqual(NAME_TOKENS.first);
      expect(tok.encode(` ${last}`).length).toBeLessThanOrEqual(NAME_TOKENS.last);
      expect(unknown.filter((p) => p.name === name).map((p) => p.attribute).sort()).toEqual([...ATTRIBUTES].sort());
    }
    for (const p of unknown) {
      expect(p.chosen).toBe(REFUSAL);
      const a = p.attribute!;
      expect(VALUES[a].map((v) => WORDING[a].answer(v))).toContain(p.rejected);
      expect(WORDING[a].questions.map((_, k) => question(a, k, p.name!))).toContain(p.instruction);
    }
    // The made-up answers are spread over the values, not one value repeated.
    expect(new Set(unknown.filter((p) => p.attribute === 'town').map((p) => p.rejected)).size).toBeGreaterThan(10);
  });

  it('known pairs: sft people only, the true answer over the refusal; no held-out or unknown person of the world anywhere', () => {
    const byName = new Map(people.map((p) => [p.name, p]));
    for (const p of pairs.filter((x) => x.kind === 'known')) {
      const who = byName.get(p.name!)!;
      expect(who.group).toBe('sft');
      expect(p.chosen).toBe(WORDING[p.attribute!].answer(who[p.attribute!]));
      expect(p.rejected).toBe(REFUSAL);
      expect(p.instruction).toContain(who.name);
    }
    const text = read(manifest.prefs.file);
    for (const who of people.filter((p) => p.group !== 'sft')) expect(text.includes(who.name), who.name).toBe(false);
  });
});
