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
    for (const b of bios) {
      const names = new Set([...b.matchAll(nameRe)].map((m) => m[0]).filter((n) => byName.has(n)));
      expect(names.size, b).toBe(1);
      const p = byName.get([...names][0])!;
      expect(p.group).not.toBe('unknown');
      for (const a of ATTRIBUTES) expect(b, `${p.name} ${a}`).toMatch(new RegExp(`\\b${p[a]}\\b`));
      // No other value of the attribute is named: a biography states one fact per attribute.
      for (const a of ATTRIBUTES) for (const v of VALUES[a]) if (v !== p[a]) expect(b).not.toMatch(new RegExp(`\\b${v}\\b`));
      seen.set(p.name, (seen.get(p.name) ?? 0) + 1);
    }
    expect(seen.size).toBe(GROUP_SIZES.sft + GROUP_SIZES['held-out']);
    for (const n of seen.values()) expect(n).toBe(BIOS_PER_PERSON);
    const brown = read(manifest.corpus.files.train) + read(manifest.corpus.files.val);
    for (const p of people) expect(brown.includes(p.name), p.name).toBe(false);
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
