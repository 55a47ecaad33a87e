/**
 * The data viewer a lesson can embed: `<DatasetViewer kind="spam" />` shows one built-in set
 * (counts, label balance, examples), or the learner's own file of that kind when `user` is set
 * and one is loaded.
 */
import type { BuiltinKind } from '../../data/builtin.ts';
import type { UserData } from '../../data/load.ts';
import { useLab } from '../../store/index.ts';
import { CorpusViewer } from './CorpusViewer.tsx';
import { InstructViewer } from './InstructViewer.tsx';
import { SpamViewer } from './SpamViewer.tsx';
import { useBuiltinDataset } from './useBuiltinDatasets.ts';
import './data.css';

/** The sets this viewer shows; the made-up world and its preference pairs have their own (WorldViewer.tsx, prefer/PairsViewer.tsx). */
export type ViewerKind = Exclude<BuiltinKind, 'world' | 'prefs'>;

/** A loaded user file in the matching viewer. */
export function UserDataViewer({ data }: { data: UserData }) {
  if (data.kind === 'pretrain') return <CorpusViewer parts={[{ name: 'all', docs: data.docs }]} testId="user-pretrain" />;
  if (data.kind === 'classify') return <SpamViewer messages={data.messages} title={data.file} testId="user-classify" />;
  return <InstructViewer records={data.records} testId="user-instruct" />;
}

const USER_KIND = { corpus: 'pretrain', spam: 'classify', 'spam-balanced': 'classify', instruct: 'instruct' } as const;

export function DatasetViewer({ kind, user = false }: { kind: ViewerKind; user?: boolean }) {
  const mine = useLab((s) => s.userData[USER_KIND[kind]]);
  const builtin = useBuiltinDataset(kind);
  if (user && mine) return <UserDataViewer data={mine} />;
  if (builtin.state === 'loading') return <p role="status">Loading the dataset…</p>;
  if (builtin.state === 'error') return <p role="alert" className="data-error">Could not load the built-in dataset: {builtin.message}</p>;
  const d = builtin.data;
  if (d.kind === 'corpus') return <CorpusViewer parts={[{ name: 'train', docs: d.train }, { name: 'val', docs: d.val }]} />;
  if (d.kind === 'instruct') return <InstructViewer records={d.records} />;
  if (d.kind === 'world' || d.kind === 'prefs') return null;
  return <SpamViewer messages={d.messages} title={d.kind === 'spam' ? 'SpamAssassin, full' : 'SpamAssassin, balanced'} testId={d.kind} />;
}
