/**
 * Draws a formatted example token by token with its loss mask: tokens that count in the loss in
 * colour, prompt and padding tokens greyed and labelled "not counted". Presentation only: the
 * tokens and their flags come from the caller, who computes them with the trainer's own
 * formatting function, so this drawing cannot disagree with what is trained.
 */
import './instruct.css';

/** What a token is in the formatted example. */
export type TokenRole = 'prompt' | 'response' | 'end' | 'pad' | 'text' | 'label';

/** One token as the drawing shows it. */
export interface MaskToken {
  id: number;
  /** the token as text (spaces and newlines made visible by the drawing) */
  text: string;
  role: TokenRole;
  /** true when the loss is computed on predicting this token */
  counted: boolean;
}

/** Spaces as a middle dot and newlines as a return sign, so every token has a visible width. */
export const visible = (s: string) => s.replace(/ /g, '·').replace(/\n/g, '↵');

const ROLE_LABEL: Record<TokenRole, string> = {
  prompt: 'prompt',
  response: 'response',
  end: 'end-of-text',
  pad: 'padding',
  text: 'text',
  label: 'class read here',
};

export interface TokenMaskProps {
  tokens: readonly MaskToken[];
  /** a run of more padding than this is drawn as a few tokens and a count */
  maxPadShown?: number;
  /** accessible name of the drawing */
  label: string;
  testId?: string;
}

/** The token row with a legend and the count of tokens that count. */
export function TokenMask({ tokens, maxPadShown = 3, label, testId = 'token-mask' }: TokenMaskProps) {
  const counted = tokens.filter((t) => t.counted).length;
  const firstPad = tokens.findIndex((t) => t.role === 'pad');
  const padCount = firstPad < 0 ? 0 : tokens.length - firstPad;
  const shown = firstPad < 0 || padCount <= maxPadShown ? tokens : tokens.slice(0, firstPad + maxPadShown);
  const hidden = tokens.length - shown.length;
  return (
    <figure className="token-mask" data-testid={testId} data-counted={counted} data-total={tokens.length} aria-label={label}>
      <ol className="mask-row">
        {shown.map((t, i) => (
          <li key={i} className={`mask-token ${t.role} ${t.counted ? 'counted' : 'not-counted'}`} data-testid="mask-token"
            data-role={t.role} data-counted={t.counted ? 'yes' : 'no'}
            title={`#${i} id ${t.id} · ${ROLE_LABEL[t.role]} · ${t.counted ? 'counted in the loss' : 'not counted'}`}>
            <span className="tok">{visible(t.text)}</span>
            <span className="flag">{t.counted ? '✓' : t.role === 'label' ? 'class read here' : 'not counted'}</span>
          </li>
        ))}
        {hidden > 0 && (
          <li className="mask-token pad not-counted more" aria-label={`${hidden} more padding tokens, not counted`}>
            <span className="tok">+{hidden} × &lt;|pad|&gt;</span>
            <span className="flag">not counted</span>
          </li>
        )}
      </ol>
      <figcaption className="small">
        <span data-testid="mask-summary">{counted} of {tokens.length} tokens counted in the loss</span>
        <span className="legend"><span className="swatch counted" /> counted (a training target)</span>
        <span className="legend"><span className="swatch not-counted" /> not counted (context or padding)</span>
      </figcaption>
    </figure>
  );
}
