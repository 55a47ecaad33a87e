/**
 * The upload control for the learner's own data of one kind. The file is read and checked in
 * the browser (never sent anywhere); problems are listed right under the control, each naming
 * file, line and field; a rejected file leaves the previously loaded one in place.
 */
import { useId, useState } from 'react';
import { formatDataError, type DataError } from '../../data/errors.ts';
import { EXTENSIONS, type DataKind } from '../../data/load.ts';
import { MAX_USER_FILE_BYTES, tooLargeError } from '../../data/bytes.ts';
import { useLab } from '../../store/index.ts';

const WHAT: Record<DataKind, string> = {
  pretrain: 'Plain UTF-8 text. Separate documents with a line holding only <|endoftext|> (optional).',
  classify: 'Rows of label, text (label spam or ham, or 1 or 0); an optional header row "label,text"; quote fields that hold commas.',
  instruct: 'One JSON object a line (.jsonl) or a JSON array (.json) with "instruction", optional "input", and "output".',
};
const TITLE: Record<DataKind, string> = { pretrain: 'Pretraining text', classify: 'Labelled messages', instruct: 'Instructions' };

export function UploadData({ kind }: { kind: DataKind }) {
  const id = useId();
  const loadFile = useLab((s) => s.loadFile);
  const clear = useLab((s) => s.clearUserData);
  const loaded = useLab((s) => s.userData[kind]);
  const [errors, setErrors] = useState<DataError[]>([]);
  const [busy, setBusy] = useState(false);

  async function onFile(file: File | undefined) {
    if (!file) return;
    // Too large: refuse before reading it into memory, with the loader's own message.
    if (file.size > MAX_USER_FILE_BYTES) {
      setErrors([tooLargeError(file.name, file.size)]);
      return;
    }
    setBusy(true);
    try {
      setErrors(loadFile(file.name, new Uint8Array(await file.arrayBuffer()), kind));
    } catch (e) {
      setErrors([{ file: file.name, message: `could not read the file (${e instanceof Error ? e.message : String(e)})` }]);
    } finally {
      setBusy(false);
    }
  }

  const count = loaded?.kind === 'pretrain' ? `${loaded.docs.length} documents` : loaded?.kind === 'classify' ? `${loaded.messages.length} messages` : loaded?.kind === 'instruct' ? `${loaded.records.length} records` : '';
  return (
    <div className="upload" data-testid={`upload-${kind}`}>
      <label htmlFor={id}><strong>{TITLE[kind]}</strong> ({EXTENSIONS[kind].join(', ')})</label>
      <p className="small muted">{WHAT[kind]} Up to {MAX_USER_FILE_BYTES / 1048576} MB. Your file stays on this device.</p>
      <input id={id} type="file" accept={EXTENSIONS[kind].join(',')} disabled={busy} onChange={(e) => { void onFile(e.target.files?.[0]); e.target.value = ''; }} />
      {errors.length > 0 && (
        <div role="alert" className="data-error" data-testid={`upload-${kind}-errors`}>
          <p>That file was not loaded{loaded ? `; ${loaded.file} is still in use` : ''}:</p>
          <ul>{errors.map((e, i) => <li key={i}>{formatDataError(e)}</li>)}</ul>
        </div>
      )}
      {loaded && (
        <p className="small" data-testid={`upload-${kind}-loaded`}>
          Loaded <strong>{loaded.file}</strong>: {count}.{' '}
          <button type="button" className="secondary" onClick={() => { clear(kind); setErrors([]); }}>Remove</button>
        </p>
      )}
    </div>
  );
}
