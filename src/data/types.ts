/**
 * The shapes of the lab's three datasets (pretraining text, labelled messages, instruction records)
 * and of the manifest that describes the built-in files. Types only: no parsing, no I/O.
 */

/** Which part of a dataset an item belongs to. The corpus has no test split. */
export type Split = 'train' | 'val' | 'test';
export const SPLITS: readonly Split[] = ['train', 'val', 'test'];

/** The two classes of the classification lesson. */
export type Label = 'ham' | 'spam';
export const LABELS: readonly Label[] = ['ham', 'spam'];

/** One labelled message (built-in spam set, or a row of the learner's CSV/TSV). */
export interface Message {
  /** Stable id: source group and file number for the built-in set, "line N" for a user file. */
  id: string;
  label: Label;
  /** Subject line, a newline, then the start of the body, as plain text. */
  text: string;
  /** Built-in set only: which SpamAssassin folder it came from (easy-ham-1, spam-2, ...). */
  group?: string;
  split?: Split;
}

/** One instruction record in the Alpaca fields, plus the task family and grading extras. */
export interface InstructRecord {
  instruction: string;
  /** Optional context the instruction refers to (a sentence, a message). */
  input?: string;
  /** The reference answer. */
  output: string;
  /** Task family, e.g. "define", "antonym", "word_count"; picks the scorer. */
  task?: string;
  split?: Split;
  /** Other answers the scorer accepts (all synonyms of the word, say); the output is always accepted. */
  accept?: string[];
}

/** One pretraining document (a whole Brown text, or a piece of the learner's .txt). */
export interface CorpusDoc {
  id: string;
  /** Brown genre (news, fiction, ...) for built-in documents. */
  genre?: string;
  text: string;
}

/** Counts per split, e.g. { train: 400, val: 50 }. */
export type SplitCounts = Partial<Record<Split, number>>;

/** public/datasets/manifest.json: file names and the counts the README and the viewer state. */
export interface DatasetManifest {
  /** Line that separates documents in the corpus files. */
  docSeparator: string;
  corpus: {
    files: { train: string; val: string };
    /** Document ids (Brown file names) and genres, in file order, per split. */
    documents: { train: { id: string; genre: string }[]; val: { id: string; genre: string }[] };
    characters: { train: number; val: number };
    words: { train: number; val: number };
  };
  spam: {
    file: string;
    balancedFile: string;
    /** Messages per split and class, full and balanced. */
    counts: Record<Split, Record<Label, number>>;
    balancedCounts: Record<Split, Record<Label, number>>;
    /** Messages dropped while building, by reason. */
    dropped: Record<string, number>;
    maxChars: number;
    /** Messages each source-cleaning rule touched, per class (scripts/datasets/spam.ts). */
    cleaning: Record<string, Record<Label, number>>;
    /** The everyday messages written for the lab: a second test split, out of the corpus's domain. */
    everyday: { file: string; counts: Record<Label, number> };
    /** The bag-of-words shortcut report, before and after the cleaning. */
    shortcutsFile: string;
  };
  instruct: {
    file: string;
    /** Records per task family per split. */
    counts: Record<string, Record<Split, number>>;
  };
  /** The made-up world (src/data/world.ts): its people, their biographies for pretraining. */
  world: {
    file: string;
    /** biographies of the known people, one per paragraph: the pretraining mix's second source */
    biosFile: string;
    /** people per group (sft, held-out, unknown) */
    people: Record<string, number>;
    /** the candidate values of each attribute */
    values: Record<string, string[]>;
    biographies: number;
    biosPerPerson: number;
    /** instruction-tuning questions per sft person and attribute */
    trainPhrasings: number;
    characters: number;
    words: number;
  };
  /** The world's preference pairs for lesson 4 (scripts/datasets/prefs.ts): the generator's counts. */
  prefs: {
    file: string;
    seed: number;
    /** new made-up people (in no world file) asked about in "unknown" pairs */
    madeUpPeople: number;
    /** the world's sft people asked about in "known" pairs */
    knownPeople: number;
    /** held-out people lent to the "known" pairs (known from pretraining only; the first N of the group) */
    lentPeople: number;
    /** the attributes asked per person, one pair each */
    attributes: string[];
    /** pairs of each kind */
    pairs: Record<string, number>;
  };
  /** Bytes of every data file (the manifest itself excluded). */
  bytes: Record<string, number>;
}

/** One feature of the spam set's shortcut report (src/train/shortcuts.ts) read back as text. */
export interface Shortcut {
  /** the token or token pair as text (spaces shown as they are) */
  text: string;
  /** the bag-of-words weight: positive pushes toward spam, negative toward ham */
  weight: number;
  /** training messages of each class (ham, spam) that contain it */
  count: [number, number];
}

/** One side of public/datasets/spam-shortcuts.json: the strongest features per class and the yardstick's accuracy. */
export interface ShortcutSide {
  ham: Shortcut[];
  spam: Shortcut[];
  /** on the balanced test split */
  testAccuracy: number;
  /** on the everyday messages written for the lab */
  everydayAccuracy: number;
}

/** public/datasets/spam-shortcuts.json: the report before and after the source cleaning. */
export interface ShortcutReportFile {
  before: ShortcutSide;
  after: ShortcutSide;
}
