import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n.js';

interface ModalProps {
  title: string;
  children: ComponentChildren;
  canConfirm?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal with OK/Cancel; Enter confirms, Escape cancels (the console's shortcuts pause meanwhile). */
export function Modal(p: ModalProps) {
  const form = useRef<HTMLFormElement>(null);
  const latest = useRef(p.onCancel);
  latest.current = p.onCancel;
  // focus moves into the dialog as it renders (a layout effect, not a later one), so an Enter
  // pressed straight after the function key already lands in the dialog
  useLayoutEffect(() => {
    const first = form.current?.querySelector<HTMLElement>('[autofocus], input, button[type="submit"]');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div
      class="modal-backdrop"
      onClick={(e) => {
        if (e.target === e.currentTarget) p.onCancel();
      }}
    >
      <form
        ref={form}
        class="modal"
        role="dialog"
        aria-label={p.title}
        onSubmit={(e) => {
          e.preventDefault();
          if (p.canConfirm !== false) p.onConfirm();
        }}
      >
        <h2>{p.title}</h2>
        {p.children}
        <div class="modal-buttons">
          <button type="button" class="btn" onClick={p.onCancel}>
            {t('cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" class="btn btn-primary" data-confirm disabled={p.canConfirm === false}>
            {t('confirm')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}

const PAUSE_REASONS = ['reasonAway', 'reasonLunch', 'reasonMeeting'] as const;

export function PauseDialog(p: { onPause(reason: string): void; onCancel(): void }) {
  const [choice, setChoice] = useState<string>(t('reasonAway'));
  const [other, setOther] = useState('');
  const isOther = choice === 'other';
  const reason = isOther ? other.trim() : choice;
  const otherInput = useRef<HTMLInputElement>(null);
  // choosing 其他 puts the caret in the text field: the clerk types at once, no extra Tab
  useEffect(() => {
    if (isOther) otherInput.current?.focus();
  }, [isOther]);
  return (
    <Modal title={t('pauseTitle')} canConfirm={reason.length > 0} onConfirm={() => p.onPause(reason)} onCancel={p.onCancel}>
      <div class="choices">
        {PAUSE_REASONS.map((key, i) => (
          <label class={`choice ${choice === t(key) ? 'chosen' : ''}`} key={key}>
            <input type="radio" name="reason" value={t(key)} checked={choice === t(key)} autoFocus={i === 0} onChange={() => setChoice(t(key))} />
            {t(key)}
          </label>
        ))}
        <label class={`choice ${isOther ? 'chosen' : ''}`}>
          <input type="radio" name="reason" value="other" checked={isOther} onChange={() => setChoice('other')} />
          {t('reasonOther')}
        </label>
      </div>
      {isOther && (
        <input
          ref={otherInput}
          class="text-input"
          name="otherReason"
          maxLength={100}
          placeholder={t('reasonOtherPlaceholder')}
          value={other}
          onInput={(e) => setOther(e.currentTarget.value)}
        />
      )}
    </Modal>
  );
}

export function TransferDialog(p: {
  services: { id: string; name: string; prefix: string }[];
  onTransfer(serviceId: string, reason: string): void;
  onCancel(): void;
}) {
  const [serviceId, setServiceId] = useState(p.services[0]?.id ?? '');
  const [reason, setReason] = useState('');
  return (
    <Modal title={t('transferTitle')} canConfirm={serviceId !== ''} onConfirm={() => p.onTransfer(serviceId, reason.trim())} onCancel={p.onCancel}>
      <div class="choices" role="radiogroup" aria-label={t('transferTo')}>
        {p.services.map((s, i) => (
          <label class={`choice ${serviceId === s.id ? 'chosen' : ''}`} key={s.id}>
            <input type="radio" name="toServiceId" value={s.id} checked={serviceId === s.id} autoFocus={i === 0} onChange={() => setServiceId(s.id)} />
            <span class="prefix">{s.prefix}</span> {s.name}
          </label>
        ))}
      </div>
      <input
        class="text-input"
        name="transferReason"
        maxLength={200}
        placeholder={t('transferReason')}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
    </Modal>
  );
}

export function ReasonDialog(p: { title: string; placeholder: string; required: boolean; onConfirm(reason: string): void; onCancel(): void }) {
  const [reason, setReason] = useState('');
  return (
    <Modal title={p.title} canConfirm={!p.required || reason.trim().length > 0} onConfirm={() => p.onConfirm(reason.trim())} onCancel={p.onCancel}>
      <input
        class="text-input"
        name="reason"
        maxLength={200}
        autoFocus
        placeholder={p.placeholder}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
    </Modal>
  );
}
