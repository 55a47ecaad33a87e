/**
 * The learner's own pairs file (.jsonl: "instruction", "chosen", "rejected" a line), checked in the
 * page by the same validator the engine uses (src/data/prefs.ts) so a malformed file is refused at
 * once with its file, line and field; a good one is sent to the engine for runs on 'upload'.
 */
import { useState } from 'react';
import { formatDataError } from '../../data/errors.ts';
import { parsePrefsJsonl } from '../../data/prefs.ts';
import { uploadDataset } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';

export function PairsUpload({ onAccepted, disabled }: { onAccepted: () => void; disabled: boolean }) {
  const [errors, setErrors] = useState<string[] | null>(null);
  const mine = useLab((s) => s.uploads.prefer);
  const dataError = useLab((s) => s.engineErrors.data);
  const read = async (f: File | undefined) => {
    if (!f) return;
    const text = await f.text();
    const r = parsePrefsJsonl(f.name, text);
    if (!r.ok) {
      setErrors(r.errors.map(formatDataError));
      return;
    }
    setErrors(null);
    uploadDataset('prefer', f.name, text);
    onAccepted();
  };
  return (
    <div className="pairs-upload">
      <label>
        Your pairs file (.jsonl){' '}
        <input type="file" accept=".jsonl,application/jsonl,text/plain" data-testid="prefer-upload" disabled={disabled} onChange={(e) => void read(e.target.files?.[0])} />
      </label>
      {errors && (
        <div role="alert" className="error" data-testid="prefer-upload-errors">
          <p>The file was refused:</p>
          <ul>{errors.map((e, i) => <li key={i}>{e}</li>)}</ul>
        </div>
      )}
      {!errors && mine && <p className="small" data-testid="prefer-upload-ready">{mine.name}: {mine.counts.train} pairs, used when the data is "your file".</p>}
      {!errors && dataError && <p role="alert" className="error">{dataError}</p>}
    </div>
  );
}
