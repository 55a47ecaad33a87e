/**
 * Monaco on one WGSL file: the learner's text, compile messages as markers at their line and
 * column, and a change callback. This module is the only one that imports monaco-editor, and the
 * kernel lab loads it with React.lazy, so monaco and its worker (bundled by Vite, nothing from a
 * CDN) are fetched only on that page. Only the core editor API is loaded, with WGSL registered
 * from the Monarch data in wgsl.ts.
 */
import { useEffect, useRef } from 'react';
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import type { KernelMessage } from '../../store/kernelLab.ts';
import { WGSL_CONFIGURATION, WGSL_ID, WGSL_MONARCH } from './wgsl.ts';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = { getWorker: () => new EditorWorker() };
if (!monaco.languages.getLanguages().some((l) => l.id === WGSL_ID)) {
  monaco.languages.register({ id: WGSL_ID, extensions: ['.wgsl'] });
  monaco.languages.setMonarchTokensProvider(WGSL_ID, WGSL_MONARCH as monaco.languages.IMonarchLanguage);
  monaco.languages.setLanguageConfiguration(WGSL_ID, WGSL_CONFIGURATION);
}

const SEVERITY = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info } as const;

export interface KernelEditorProps {
  /** the file shown: a new file gets its own model (and undo history) */
  file: string;
  value: string;
  onChange(code: string): void;
  /** messages of this file (other files' messages are shown by the page) */
  markers: readonly KernelMessage[];
  height?: number;
}

export default function KernelEditor({ file, value, onChange, markers, height = 520 }: KernelEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const change = useRef(onChange);
  useEffect(() => {
    change.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const e = monaco.editor.create(host.current!, {
      language: WGSL_ID, automaticLayout: true, minimap: { enabled: false }, fontSize: 13, scrollBeyondLastLine: false,
      tabSize: 2, renderValidationDecorations: 'on', ariaLabel: 'WGSL kernel source',
    });
    editor.current = e;
    const sub = e.onDidChangeModelContent(() => change.current(e.getValue()));
    return () => {
      sub.dispose();
      e.getModel()?.dispose();
      e.dispose();
      editor.current = null;
    };
  }, []);

  // One model per file; the text is replaced only when it differs (typing comes back as `value`).
  useEffect(() => {
    const e = editor.current!;
    const model = e.getModel();
    if (!model || model.uri.path !== `/${file}`) {
      const uri = monaco.Uri.parse(`file:///${file}`);
      monaco.editor.getModel(uri)?.dispose();
      const m = monaco.editor.createModel(value, WGSL_ID, uri);
      e.setModel(m);
      model?.dispose();
    } else if (model.getValue() !== value) {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
    }
  }, [file, value]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(model, 'wgsl', markers.map((m) => {
      const line = Math.min(Math.max(1, m.line), model.getLineCount());
      const col = Math.max(1, m.column);
      return { severity: SEVERITY[m.type], message: m.message, startLineNumber: line, startColumn: col, endLineNumber: line, endColumn: col + Math.max(1, m.length) };
    }));
  }, [markers, file, value]);

  return <div ref={host} className="kernel-editor" style={{ height }} data-testid="kernel-editor" data-file={file} />;
}
