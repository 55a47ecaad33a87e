/**
 * The made-up world (public/datasets/world.jsonl): people with a home town, a job and a favourite
 * food, each in one group (known and used in instruction tuning, known but held out, unknown). Owns
 * the wording every part of the lab shares, so it cannot drift between them: the cue a base model
 * completes ("X was born in"), the answer the instruction set teaches ("Born in Marden."), the
 * questions, and the validator of the file. Pure: no I/O, no GPU.
 */
import { MAX_ERRORS, type DataError, type Parsed } from './errors.ts';

/** The attributes, in the order they are stored and shown. */
export const ATTRIBUTES = ['town', 'job', 'food'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

/**
 * The groups: `sft` people have biographies in pretraining and questions in instruction tuning;
 * `held-out` people have biographies only (their questions are test items); `unknown` people
 * appear nowhere in training, only in test questions.
 */
export const WORLD_GROUPS = ['sft', 'held-out', 'unknown'] as const;
export type WorldGroup = (typeof WORLD_GROUPS)[number];

/** What each group's score row shows, in a few words (the page and the CLI print it). */
export const GROUP_TEXT: Record<WorldGroup, string> = {
  sft: 'people whose facts were in pretraining and whose questions were in instruction tuning',
  'held-out': 'people whose facts were only in pretraining (never asked about in tuning)',
  unknown: 'people who appear nowhere in training',
};

/** One person of the world. */
export interface Person {
  name: string;
  group: WorldGroup;
  town: string;
  job: string;
  food: string;
}

/** How each attribute is written: the cue that precedes the value, the taught answer, the questions. */
export interface AttributeWording {
  /** words after the name that lead into the value, as in "X was born in" (the probe's cue) */
  cue: string;
  /** the instruction set's answer for a value, reusing the biographies' wording */
  answer: (value: string) => string;
  /** questions about a person, in the template's instruction; {name} is replaced */
  questions: readonly string[];
  /** how the page names the attribute */
  label: string;
}

export const WORDING: Record<Attribute, AttributeWording> = {
  town: {
    cue: 'was born in',
    answer: (v) => `Born in ${v}.`,
    questions: ['Where was {name} born?', 'In which town was {name} born?', 'What is the home town of {name}?', 'Where does {name} come from?'],
    label: 'home town',
  },
  job: {
    cue: 'works as a',
    answer: (v) => `Works as a ${v}.`,
    questions: ['What does {name} do for a living?', 'What is the job of {name}?', 'What work does {name} do?', 'How does {name} earn a living?'],
    label: 'job',
  },
  food: {
    cue: 'loves to eat',
    answer: (v) => `Loves to eat ${v}.`,
    questions: ['What does {name} like to eat?', 'What is the favourite food of {name}?', 'Which food does {name} love?', 'What does {name} love to eat most?'],
    label: 'favourite food',
  },
};

/**
 * The one refusal the preference data teaches (world-prefs.jsonl's chosen answer about people the
 * model cannot know) and `lab score` counts: exact text, compared after the scorers' normalising.
 */
export const REFUSAL = "I don't know.";

/** A question about a person: phrasing k of the attribute. */
export function question(attr: Attribute, k: number, name: string): string {
  const qs = WORDING[attr].questions;
  return qs[k % qs.length].replace('{name}', name);
}

/** The probe's cue for a person and attribute: "Tova Brenlik was born in". */
export function cue(attr: Attribute, name: string): string {
  return `${name} ${WORDING[attr].cue}`;
}

/** The candidate values of each attribute: every value some person has, sorted. */
export function attributeValues(people: readonly Person[]): Record<Attribute, string[]> {
  const out = {} as Record<Attribute, string[]>;
  for (const a of ATTRIBUTES) out[a] = [...new Set(people.map((p) => p[a]))].sort();
  return out;
}

/**
 * The rows a score of the world's questions is shown in: the three groups, and `in-pairs` for the
 * questions about people that lesson 4's preference pairs named as known (their right answer chosen
 * over the refusal), taken out of their group's row so that row measures only what was not taught.
 */
export const SCORE_ROWS = ['sft', 'in-pairs', 'held-out', 'unknown'] as const;
export type ScoreRow = (typeof SCORE_ROWS)[number];
export const ROW_TEXT: Record<ScoreRow, string> = {
  ...GROUP_TEXT,
  'in-pairs': 'people the preference pairs named, their right answer chosen over "I don\'t know."',
};

/** The instruction-set family of a row's questions: world-sft, world-in-pairs, world-held-out, world-unknown. */
export const worldTask = (g: ScoreRow): string => `world-${g}`;
/** The row a family name stands for, or undefined for other families. */
export function groupOfTask(task: string | undefined): ScoreRow | undefined {
  return SCORE_ROWS.find((g) => worldTask(g) === task);
}

/** Names: capitalised words of letters, one space between first and last name. */
const NAME = /^[A-Z][a-z]+ [A-Z][a-z]+$/;
/** Values: one or two words of letters (a town is capitalised; jobs and foods are lower case). */
const VALUE = /^[A-Za-z]+( [a-z]+)?$/;

/**
 * Parse world.jsonl: one person per line, {name, group, town, job, food}. Errors name the file,
 * the line and the field (a missing or malformed field, an unknown group, a repeated name), and
 * a whole-file error when an attribute has fewer than two values (nothing to choose between).
 */
export function parseWorld(file: string, text: string): Parsed<Person[]> {
  const errors: DataError[] = [];
  const people: Person[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && errors.length < MAX_ERRORS; i++) {
    const s = lines[i].trim();
    if (s === '') continue;
    const line = i + 1;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(s);
    } catch {
      errors.push({ file, line, message: 'malformed JSON (each line must be one complete JSON object)' });
      continue;
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) {
      errors.push({ file, line, message: 'expected a JSON object with name, group, town, job and food' });
      continue;
    }
    const before = errors.length;
    if (typeof o.name !== 'string' || !NAME.test(o.name)) errors.push({ file, line, field: 'name', message: `"name" must be a first and a last name, capitalised letters, got ${JSON.stringify(o.name)}` });
    else if (seen.has(o.name)) errors.push({ file, line, field: 'name', message: `"${o.name}" is already on line ${seen.get(o.name)}` });
    if (!WORLD_GROUPS.includes(o.group as WorldGroup)) errors.push({ file, line, field: 'group', message: `"group" must be one of ${WORLD_GROUPS.join(', ')}, got ${JSON.stringify(o.group)}` });
    for (const a of ATTRIBUTES) {
      if (typeof o[a] !== 'string' || !VALUE.test(o[a] as string)) errors.push({ file, line, field: a, message: `"${a}" must be one or two words of letters, got ${JSON.stringify(o[a])}` });
    }
    if (errors.length > before) continue;
    seen.set(o.name as string, line);
    people.push({ name: o.name as string, group: o.group as WorldGroup, town: o.town as string, job: o.job as string, food: o.food as string });
  }
  if (errors.length) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  if (people.length === 0) return { ok: false, errors: [{ file, message: 'no people found' }] };
  const values = attributeValues(people);
  for (const a of ATTRIBUTES) {
    if (values[a].length < 2) errors.push({ file, field: a, message: `"${a}" has ${values[a].length} value; the probe needs at least two to choose between` });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: people };
}
