import type { ComponentChildren } from 'preact';

/** Small form pieces shared by the tabs: big touch targets, label above the control. */
export function Field(p: { label: string; children: ComponentChildren; wide?: boolean }) {
  return (
    <label class={p.wide ? 'field field-wide' : 'field'}>
      <span>{p.label}</span>
      {p.children}
    </label>
  );
}

export function TextInput(p: {
  name: string;
  value: string;
  onInput(v: string): void;
  type?: string;
  required?: boolean;
  maxLength?: number;
  pattern?: string;
}) {
  return (
    <input
      class="input"
      name={p.name}
      type={p.type ?? 'text'}
      value={p.value}
      required={p.required}
      maxLength={p.maxLength}
      pattern={p.pattern}
      onInput={(e) => p.onInput(e.currentTarget.value)}
    />
  );
}

export function Checks(p: { name: string; options: { id: string; label: string }[]; value: string[]; onChange(v: string[]): void }) {
  return (
    <div class="checks">
      {p.options.map((o) => (
        <label key={o.id} class={p.value.includes(o.id) ? 'check on' : 'check'}>
          <input
            type="checkbox"
            name={p.name}
            value={o.id}
            checked={p.value.includes(o.id)}
            onChange={(e) => p.onChange(e.currentTarget.checked ? [...p.value, o.id] : p.value.filter((x) => x !== o.id))}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

export function Panel(p: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="panel">
      <header class="panel-head">
        <h2>{p.title}</h2>
        <div class="panel-actions">{p.actions}</div>
      </header>
      {p.children}
    </section>
  );
}

export function FormButtons(p: { saveLabel: string; cancelLabel: string; onCancel(): void }) {
  return (
    <div class="form-buttons">
      <button type="submit" class="btn btn-primary" data-admin-action="save">
        {p.saveLabel}
      </button>
      <button type="button" class="btn" onClick={p.onCancel}>
        {p.cancelLabel}
      </button>
    </div>
  );
}
