import { useEffect, useId, useRef, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { Button, ButtonRow } from "./button.tsx";
import { Notice } from "./notice.tsx";

/**
 * Asks before something that cannot be undone or reaches many people ("6 uitnodigingen
 * versturen?"). A modal <dialog>: focus stays inside, Escape cancels (not while busy), and focus
 * starts on "Annuleren" so a stray Enter does nothing. Render it to open it (anywhere, also in a
 * table row: it is placed in <body>); `onClose` should unmount it.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel = "Annuleren",
  danger = false,
  busy = false,
  error,
  onConfirm,
  onClose,
}: {
  title: ReactNode;
  children?: ReactNode;
  confirmLabel: ReactNode;
  cancelLabel?: ReactNode;
  /** The confirm button is red: something is deleted or ended. */
  danger?: boolean;
  busy?: boolean;
  /** Why the action failed; the dialog stays open so it can be tried again. */
  error?: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  // No close() on cleanup: unmounting removes the dialog from the page (and the top layer)
  // anyway, and StrictMode's trial unmount would otherwise close it and fire onClose.
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  return createPortal(
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={children ? bodyId : undefined}
      onCancel={(e) => {
        if (busy) e.preventDefault();
      }}
      onClose={onClose}
    >
      <h2 id={titleId}>{title}</h2>
      {children ? (
        <div id={bodyId} className="confirm-body">
          {children}
        </div>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <ButtonRow>
        <Button variant={danger ? "danger" : "primary"} busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" autoFocus disabled={busy} onClick={() => dialog.current?.close()}>
          {cancelLabel}
        </Button>
      </ButtonRow>
    </dialog>,
    document.body,
  );
}
