// The committed world holds what the datasets README states: the groups and their sizes, values
// dealt evenly, names of a few tokens, biographies that tell each known person's true facts and
// never mention an unknown one, and questions that keep held-out and unknown people out of training.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBuiltinInstruct } from '../../src/data/builtin.ts';
import type { DatasetManifest } from '../../src/data/types.ts';
import { ATTRIBUTES, groupOfTask, parseWorld, WORDING, WORLD_GROUPS, type Person } from '../../src/data/world.ts';
import { loadTokenizer } from '../../src/train/tokenizer-json.ts';
import { OUT_DIR, SOURCES } from './build.ts';
import { BIOS_PER_PERSON, biography, GROUP_SIZES, NAME_TOKENS, VALUES } from './world.ts';
import { mulberry32 } from '../../src/util/random.ts';

const read = (f: string) => readFileSync(join(OUT_DIR, f), 'utf8');
const manifest = JSON.parse(read('manifest.json')) as DatasetManifest;
const parsed = parseWorld('world.jsonl', read(manifest.world.file));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const people = parsed.value;
const bios = read(manifest.world.biosFile).trim().split('\n\n');

describe('the world', () => {
  it('has the stated people per group, and each value dealt 6 or 7 times per 100 in every group', () => {
    for (const g of WORLD_GROUPS) {
      const ps = people.filter((p) => p.group === g);
      expect(ps.length).toBe(GROUP_SIZES[g]);
      expect(manifest.world.people[g]).toBe(ps.length);
      for (const a of ATTRIBUTES) {
        const counts = VALUES[a].map((v) => ps.filter((p) => p[a] === v).length);
        expect(Math.min(...counts), `${g} ${a}`).toBe(Math.floor(ps.length / 16));
        expect(Math.max(...counts), `${g} ${a}`).toBe(Math.ceil(ps.length / 16));
      }
    }
    for (const a of ATTRIBUTES) expect(manifest.world.values[a]).toEqual([...VALUES[a]].sort());
  });

  it('names are a few tokens with the lab tokenizer, and no first or last name is shared', () => {
    const tok = loadTokenizer(readFileSync(SOURCES.tokenizer, 'utf8'));
    for (const p of people) {
      const [first, last] = p.name.split(' ');
      expect(tok.encode(` ${first}`).length, p.name).toBeLessThanOrEqual(NAME_TOKENS.first);
      expect(tok.encode(` ${last}`).length, p.name).toBeLessThanOrEqual(NAME_TOKENS.last);
    }
    expect(new Set(people.map((p) => p.name.split(' ')[0])).size).toBe(people.length);
    expect(new Set(people.map((p) => p.name.split(' ')[1])).size).toBe(people.length);
  });

  it('biographies: each known person in the stated number, every one telling their true facts; unknown people nowhere in pretraining', () => {
    expect(bios.length).toBe(manifest.world.biographies);
    const byName = new Map(people.map((p) => [p.name, p]));
    const seen = new Map<string, number>();
    const nameRe = /[A-Z][a-z]+ [A-Z][a-z]+/g;
    // Each value's pattern compiled once; faults collected and compared once (4,800 biographies x 48
    // values as separate expect() calls took a minute).
    const valueRe = new Map(ATTRIBUTES.flatMap((a) => VALUES[a].map((v) => [`${a}:${v}`, new RegExp(`\\b${v}\\b`)] as const)));
    const faults: string[] = [];
    for (const b of bios) {
      const names = new Set([...b.matchAll(nameRe)].map((m) => m[0]).filter((n) => byName.has(n)));
      if (names.size !== 1) {
        faults.push(`${names.size} world names in: ${b}`);
        continue;
      }
      const p = byName.get([...names][0])!;
      if (p.group === 'unknown') faults.push(`unknown ${p.name} in: ${b}`);
      for (const a of ATTRIBUTES) {
        for (const v of VALUES[a]) {
          const named = valueRe.get(`${a}:${v}`)!.test(b);
          // its true value is stated, and no other value of the attribute: one fact per attribute
          if (v === p[a] && !named) faults.push(`${p.name}: ${a} ${v} missing from: ${b}`);
          if (v !== p[a] && named) faults.push(`${p.name}: other ${a} ${v} in: ${b}`);
        }
      }
      seen.set(p.name, (seen.get(p.name) ?? 0) + 1);
    }
    expect(faults).toEqual([]);
    expect(seen.size).toBe(GROUP_SIZES.sft + GROUP_SIZES['held-out']);
    for (const n of seen.values()) expect(n).toBe(BIOS_PER_PERSON);
    const brown = read(manifest.corpus.files.train) + read(manifest.corpus.files.val);
    // one pass over the corpus for all 300 names (a substring anywhere counts)
    const anyName = new RegExp(people.map((p) => p.name).join('|'), 'g');
    expect([...new Set([...brown.matchAll(anyName)].map((m) => m[0]))]).toEqual([]);
  });

  it('biographies use the probe cue wording for about half of the single-fact sentences', () => {
    const rand = mulberry32(1);
    const p: Person = people[0];
    let cued = 0;
    for (let i = 0; i < 400; i++) if (biography(p, rand).includes(`${p.name} ${WORDING.town.cue} ${p.town}`)) cued++;
    expect(cued / 400).toBeGreaterThan(0.25);
    expect(cued / 400).toBeLessThan(0.6);
  });

  it('questions: training asks only about sft people; each person has one test question with the taught answer', () => {
    const r = parseBuiltinInstruct('instruct.jsonl', read(manifest.instruct.file));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const world = r.value.filter((x) => groupOfTask(x.task));
    const who = (instruction: string) => people.find((p) => instruction.includes(p.name))!;
    for (const x of world) {
      const p = who(x.instruction);
      expect(p, x.instruction).toBeDefined();
      expect(groupOfTask(x.task)).toBe(p.group);
      if (x.split === 'train') expect(p.group).toBe('sft');
      expect(x.split === 'train' || x.split === 'test').toBe(true);
      const a = ATTRIBUTES.find((k) => WORDING[k].questions.some((q) => q.replace('{name}', p.name) === x.instruction))!;
      expect(x.output).toBe(WORDING[a].answer(p[a]));
    }
    const test = world.filter((x) => x.split === 'test');
    expect(test.length).toBe(people.length);
    expect(new Set(test.map((x) => who(x.instruction).name)).size).toBe(people.length);
    expect(world.filter((x) => x.split === 'train').length).toBe(GROUP_SIZES.sft * ATTRIBUTES.length * manifest.world.trainPhrasings);
  });
});
