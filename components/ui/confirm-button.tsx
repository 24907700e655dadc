'use client';

import { useEffect, useId, useRef, useState, useTransition, type ReactNode } from 'react';
import { Button, buttonStyles } from './index';

export type ConfirmTexts = {
  /** The question, naming what will happen to what: "Remove Asha Rao from Demo Institute?" */
  title: string;
  /** What follows from it, in a sentence or two. */
  body?: ReactNode;
  confirm: string;
  cancel: string;
};

/**
 * Asks before a destructive step: a modal dialog (the native `<dialog>`, so focus stays inside,
 * Escape cancels and screen readers announce it as an alert dialog). Focus starts on Cancel, the
 * harmless choice. `onConfirm` resolves to an error text to show in the dialog, or null when done
 * (the dialog then closes).
 */
export function ConfirmDialog({
  open,
  ...props
}: {
  open: boolean;
  onClose: () => void;
  texts: ConfirmTexts;
  onConfirm: () => Promise<string | null>;
}) {
  // Only in the page while open: a list with a button on every row keeps one dialog, not many.
  return open ? <OpenDialog {...props} /> : null;
}

function OpenDialog({
  onClose,
  texts,
  onConfirm,
}: {
  onClose: () => void;
  texts: ConfirmTexts;
  onConfirm: () => Promise<string | null>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  // Removing the element when it closes takes it out of the top layer; closing it from here
  // would fire `close` on a dialog that React only pretends to unmount in development.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
  }, []);

  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={texts.body ? `${id}-body` : undefined}
      onClose={onClose}
      onCancel={(e) => {
        if (pending) e.preventDefault();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-3 p-5">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {texts.title}
        </h2>
        {texts.body ? (
          <div id={`${id}-body`} className="text-sm text-slate-700">
            {texts.body}
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
          <Button
            ref={cancelRef}
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={onClose}
          >
            {texts.cancel}
          </Button>
          <Button
            type="button"
            variant="danger"
            disabled={pending}
            aria-busy={pending}
            onClick={() =>
              start(async () => {
                const failed = await onConfirm();
                if (failed) setError(failed);
                else onClose();
              })
            }
          >
            {texts.confirm}
          </Button>
        </div>
      </div>
    </dialog>
  );
}

/** A button that opens a ConfirmDialog; the step runs only once the person confirms. */
export function ConfirmButton({
  label,
  texts,
  onConfirm,
  ariaLabel,
  variant = 'danger',
  className = '',
}: {
  label: ReactNode;
  /** The button's accessible name when `label` alone is ambiguous (a "Remove" on every row). */
  ariaLabel?: string;
  texts: ConfirmTexts;
  onConfirm: () => Promise<string | null>;
  variant?: keyof typeof buttonStyles | 'inline';
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const styles =
    variant === 'inline'
      ? 'min-h-9 rounded px-1 text-xs text-red-700 underline'
      : buttonStyles[variant];
  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        aria-label={ariaLabel}
        className={`${styles} ${className}`}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        texts={texts}
        onConfirm={onConfirm}
      />
    </>
  );
}
