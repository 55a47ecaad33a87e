/**
 * The saved checkpoints (kept in this browser's IndexedDB): save the current model under a name,
 * continue training from a saved one, download it as a .safetensors file, delete it, or upload a
 * file. A file that is not a valid lab checkpoint is refused with the reason shown beside the
 * upload control, and the list stays as it was.
 */
import { useState } from 'react';
import { deleteCheckpoint, downloadCheckpoint, uploadCheckpoint } from '../../store/api.ts';
import { loadRun, saveCheckpointAs } from '../../store/commands.ts';
import { useLab } from '../../store/index.ts';
import { formatBytes } from './format.ts';
import { useCommand } from './useCommand.ts';
import './engine.css';

const MAX_UPLOAD = 512 * 2 ** 20;

export function CheckpointList() {
  const slots = useLab((s) => s.slots);
  // Saved ones first (the learner's own work), then the read-only checkpoints shipped with the lab.
  const saved = slots.filter((s) => !s.shipped);
  const shipped = slots.filter((s) => s.shipped);
  const ckError = useLab((s) => s.engineErrors.checkpoint);
  const upError = useLab((s) => s.engineErrors.upload);
  const [name, setName] = useState('my model');
  const [canSave, save] = useCommand(saveCheckpointAs);
  const [canLoad, load] = useCommand(loadRun);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_UPLOAD) {
      useLab.setState((s) => ({ engineErrors: { ...s.engineErrors, upload: `${file.name}: ${formatBytes(file.size)} is larger than the ${formatBytes(MAX_UPLOAD)} a lab checkpoint can be` } }));
      return;
    }
    const bytes = await file.arrayBuffer();
    uploadCheckpoint(file.name, bytes);
  };
  return (
    <section className="card" aria-labelledby="ck-title" data-testid="checkpoints">
      <h2 id="ck-title">Checkpoints</h2>
      <p className="small muted">
        Saved in this browser. The run also saves itself every 50 steps and whenever you pause, so a reload continues where it was.
        Checkpoints shipped with the lab are listed below your own; they can be continued from and downloaded, not deleted.
      </p>
      <div className="buttons">
        <label className="field">
          Name <input type="text" value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="ck-name" />
        </label>
        <button type="button" disabled={!canSave} onClick={() => save(name)} data-testid="ck-save">{saveCheckpointAs.label}</button>
      </div>
      {ckError && <p className="error" role="alert" data-testid="ck-error">{ckError}</p>}
      <table className="slots" data-testid="ck-list" data-count={saved.length} data-shipped={shipped.length}>
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Model</th><th scope="col">Step</th><th scope="col">Size</th><th scope="col">Saved</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
        </thead>
        <tbody>
          {saved.length === 0 && <tr><td colSpan={6} className="muted">Nothing saved yet.</td></tr>}
          {[...saved, ...shipped].map((s) => (
            <tr key={s.id} data-testid="ck-row" data-slot={s.id} data-shipped={s.shipped ? 'true' : 'false'}>
              <td>{s.name}{s.auto && <span className="muted small"> (automatic)</span>}{s.shipped && <span className="muted small"> (shipped with the lab)</span>}</td>
              <td>{s.preset}</td>
              <td>{s.step.toLocaleString('en-US')}</td>
              <td>{formatBytes(s.bytes)}</td>
              <td>{new Date(s.savedAt).toLocaleString()}</td>
              <td className="buttons">
                <button type="button" disabled={!canLoad} onClick={() => load(s.id)}>Continue from it</button>
                <button type="button" onClick={() => downloadCheckpoint(s.id)}>Download</button>
                {!s.shipped && <button type="button" onClick={() => deleteCheckpoint(s.id)} aria-label={`Delete ${s.name}`}>Delete</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="field">
        Upload a checkpoint (.safetensors){' '}
        <input type="file" accept=".safetensors,application/octet-stream" data-testid="ck-upload"
          onChange={(e) => {
            void onFile(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }} />
      </label>
      {upError && <p className="error" role="alert" data-testid="upload-error">{upError}</p>}
    </section>
  );
}
