/**
 * Which checkpoint each pane samples from: the one the URL or the learner chose when the list has
 * it, else the learner's default for that place (base on the left, instruct on the right, base for
 * a third pane), with a note when a chosen one had to be replaced. Pure.
 */

/** A pane's checkpoint id ('' while there is nothing to choose yet) and why it changed, if it did. */
export interface ResolvedPane {
  id: string;
  note: string | null;
}

/**
 * models: one chosen id or null per pane; listed: the ids that can write text, or null while the
 * list has not arrived (a chosen id is then kept as it is); defaults: the learner's base and
 * instruct model ids (null when unknown).
 */
export function resolveModels(models: readonly (string | null)[], listed: readonly string[] | null, defaults: { base: string | null; instruct: string | null }): ResolvedPane[] {
  return models.map((m, i) => {
    const fallback = (i === 1 ? defaults.instruct : defaults.base) ?? defaults.base ?? defaults.instruct ?? '';
    if (m === null) return { id: fallback, note: null };
    if (listed === null || listed.includes(m)) return { id: m, note: null };
    return { id: fallback, note: `Pane ${i + 1}: the checkpoint "${m}" is not available here, so the pane uses ${fallback || 'the default model'}.` };
  });
}
