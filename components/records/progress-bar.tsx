/** A labelled progress bar; `value` of `max`, or indeterminate when `max` is 0. */
export function ProgressBar({
  value,
  max,
  label,
  testId,
}: {
  value: number;
  max: number;
  label: string;
  testId?: string;
}) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : null;
  return (
    <div data-testid={testId}>
      <div className="mb-1 flex justify-between text-sm text-slate-700">
        <span>{label}</span>
        {pct !== null ? <span>{pct}%</span> : null}
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max || undefined}
        aria-valuenow={max ? value : undefined}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full rounded-full bg-brand-600 ${pct === null ? 'w-1/3 animate-pulse' : ''}`}
          style={pct !== null ? { width: `${pct}%` } : undefined}
        />
      </div>
    </div>
  );
}
