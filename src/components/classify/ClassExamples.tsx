/**
 * The labelled data of lesson 2: the shipped balanced spam set's counts per split and class, its
 * balance chart and a browser of the messages (the datasets viewer, reused), fetched on first show.
 */
import { SpamViewer } from '../data/SpamViewer.tsx';
import { useBuiltinDataset } from '../data/useBuiltinDatasets.ts';
import '../data/data.css';

export function ClassExamples() {
  const st = useBuiltinDataset('spam-balanced');
  if (st.state === 'loading') return <p role="status">Loading the labelled messages…</p>;
  if (st.state === 'error') return <p role="alert" className="error">The spam set could not be loaded: {st.message}</p>;
  if (st.data.kind !== 'spam-balanced') return null;
  return <SpamViewer messages={st.data.messages} title="Balanced spam set" testId="class-examples" />;
}
