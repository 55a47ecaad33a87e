/**
 * A classifier's scores on one split: accuracy (against the 50% of a coin toss on the balanced
 * set), precision and recall of each class, and the confusion matrix with true classes as rows.
 * Presentation only: the page asks the engine for the report and passes it in.
 */
import type { ClassReport } from '../../store/api.ts';
import { pct } from './format.ts';
import './classify.css';

export function ConfusionMatrix({ classes, confusion }: Pick<ClassReport, 'classes' | 'confusion'>) {
  return (
    <table className="confusion" data-testid="confusion-matrix" data-cells={confusion.flat().join(',')}>
      <caption>Confusion matrix (messages)</caption>
      <thead>
        <tr>
          <td />
          <th scope="colgroup" colSpan={classes.length}>predicted</th>
        </tr>
        <tr>
          <th scope="col">true ↓</th>
          {classes.map((c) => <th key={c} scope="col">{c}</th>)}
        </tr>
      </thead>
      <tbody>
        {confusion.map((row, t) => (
          <tr key={t}>
            <th scope="row">{classes[t]}</th>
            {row.map((n, p) => (
              <td key={p} className={t === p ? 'right' : 'wrong'} data-testid={`cm-${classes[t]}-${classes[p]}`}
                aria-label={`${n} ${classes[t]} messages predicted ${classes[p]}`}>{n}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** As many messages of each true class (the confusion matrix's rows sum alike)? */
const balanced = (confusion: number[][]) => new Set(confusion.map((row) => row.reduce((a, b) => a + b, 0))).size === 1;

export function ClassReportView({ report, testId = 'class-report' }: { report: ClassReport; testId?: string }) {
  const { classes, perClass } = report;
  return (
    <div className="class-report" data-testid={testId} data-accuracy={report.accuracy} data-n={report.n}>
      <p>
        <span className="big" data-testid={`${testId}-accuracy`}>{pct(report.accuracy)}</span>{' '}
        of {report.n.toLocaleString('en-US')} {report.split} messages classified correctly
        {balanced(report.confusion) && <span className="muted small"> (a coin toss scores about 50% on this balanced set)</span>}
      </p>
      <div className="report-row">
        <table className="report" data-testid={`${testId}-per-class`}>
          <caption>Per class</caption>
          <thead><tr><th scope="col">class</th><th scope="col">precision</th><th scope="col">recall</th></tr></thead>
          <tbody>
            {classes.map((c, k) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                <td>{pct(perClass[k]?.precision ?? NaN)}</td>
                <td>{pct(perClass[k]?.recall ?? NaN)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ConfusionMatrix classes={classes} confusion={report.confusion} />
      </div>
      <p className="small muted">
        Precision: of the messages put in a class, the share that belong there. Recall: of the messages of a class, the
        share found. "n/a" means the model never chose that class.
      </p>
    </div>
  );
}
