// The committed preference pairs hold what the datasets README states: the counts of each kind,
// unknown pairs about new made-up people (in no world file, names drawn like the world's), known
// pairs about sft people and the lent held-out people with their true answers in all four phrasings,
// and no other held-out or unknown person of the world.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePrefsJsonl } from '../../src/data/prefs.ts';
import type { DatasetManifest } from '../../src/data/types.ts';
import { ATTRIBUTES, parseWorld, question, REFUSAL, WORDING } from '../../src/data/world.ts';
import { loadTokenizer } from '../../src/train/tokenizer-json.ts';
import { OUT_DIR, SOURCES } from './build.ts';
import { knownInPairs, PREF_COUNTS } from './prefs.ts';
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
    const phrasings = ATTRIBUTES.map((a) => WORDING[a].questions.length).reduce((x, y) => x + y, 0);
    expect(known.length).toBe((PREF_COUNTS.knownPeople + PREF_COUNTS.lentPeople) * phrasings);
    expect(unknown.length + known.length).toBe(pairs.length);
    expect(manifest.prefs).toMatchObject({ madeUpPeople: PREF_COUNTS.madeUpPeople, knownPeople: PREF_COUNTS.knownPeople, lentPeople: PREF_COUNTS.lentPeople, pairs: { unknown: unknown.length, known: known.length } });
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

  it('known pairs: the sft people and the lent held-out ones, every attribute in every phrasing, the true answer over the refusal; no other held-out or unknown person anywhere', () => {
    const byName = new Map(people.map((p) => [p.name, p]));
    const lent = people.filter((p) => p.group === 'held-out').slice(0, PREF_COUNTS.lentPeople);
    const inPairs = new Set([...people.filter((p) => p.group === 'sft').slice(0, PREF_COUNTS.knownPeople), ...lent].map((p) => p.name));
    expect(new Set(knownInPairs(people).map((p) => p.name))).toEqual(inPairs);
    const known = pairs.filter((x) => x.kind === 'known');
    expect(new Set(known.map((p) => p.name))).toEqual(inPairs);
    for (const p of known) {
      const who = byName.get(p.name!)!;
      expect(p.chosen).toBe(WORDING[p.attribute!].answer(who[p.attribute!]));
      expect(p.rejected).toBe(REFUSAL);
      expect(p.instruction).toContain(who.name);
    }
    // every person, attribute and phrasing exactly once
    const asked = known.map((p) => p.instruction);
    expect(new Set(asked).size).toBe(asked.length);
    for (const name of inPairs) for (const a of ATTRIBUTES) for (let k = 0; k < WORDING[a].questions.length; k++) expect(asked).toContain(question(a, k, name));
    const text = read(manifest.prefs.file);
    for (const who of people.filter((p) => !inPairs.has(p.name))) expect(text.includes(who.name), who.name).toBe(false);
  });
});
