/**
 * Per-project identity pins: add (validated with parsePin, errors inline) and remove.
 * Pins set by the organisation's policy (`managedPins`) are listed first, locked (no Remove button);
 * a user pin for a project the policy pins is shown as not in effect (resolveSettings drops it).
 */
import { useState } from 'preact/hooks';
import { normalizeProjectName, parsePin, type IdentityPin, type PinKind } from '../settings';
import { O } from '../ui/wording';

export function pinText(p: IdentityPin): string {
  if (p.kind === 'Google') return `${p.project}: Google · ${p.email ?? ''}`;
  return `${p.project}: ${p.kind} · ${p.repository ?? ''} · ${p.workflow ?? O.anyWorkflow}`;
}

interface Draft {
  project: string;
  kind: PinKind;
  repository: string;
  workflow: string;
  email: string;
}
const EMPTY: Draft = { project: '', kind: 'GitHub', repository: '', workflow: '', email: '' };
type Errors = Partial<Record<'project' | 'repository' | 'email' | 'form', string>>;

function validate(d: Draft, pins: IdentityPin[], managedPins: IdentityPin[]): { pin: IdentityPin | null; errors: Errors } {
  const errors: Errors = {};
  if (d.project.trim() === '') errors.project = O.errProject;
  if (d.kind === 'Google') {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(d.email.trim())) errors.email = O.errEmail;
  } else if (!/^[^/\s]+(\/[^/\s]+)+$/.test(d.repository.trim())) errors.repository = O.errRepository;
  if (Object.keys(errors).length > 0) return { pin: null, errors };
  const pin = parsePin(
    d.kind === 'Google'
      ? { project: d.project, kind: d.kind, email: d.email }
      : { project: d.project, kind: d.kind, repository: d.repository, workflow: d.workflow },
  );
  if (!pin) return { pin: null, errors: { form: O.errInvalid } };
  if (managedPins.some((p) => p.project === normalizeProjectName(pin.project)))
    return { pin: null, errors: { project: O.errManagedPin(pin.project) } };
  if (pins.some((p) => p.project === normalizeProjectName(pin.project)))
    return { pin: null, errors: { project: O.errDuplicate(pin.project) } };
  return { pin, errors };
}

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} class="error" role="alert">
      {text}
    </p>
  ) : null;
}

export function PinsEditor({
  pins,
  managedPins = [],
  onChange,
}: {
  pins: IdentityPin[];
  managedPins?: IdentityPin[];
  onChange(pins: IdentityPin[]): void;
}) {
  const managedProjects = new Set(managedPins.map((p) => p.project));
  const [errors, setErrors] = useState<Errors>({});
  // Uncontrolled inputs, read at submit time: no stale state between fast edits and the click.
  const add = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const val = (name: keyof Draft) => {
      const el = form.elements.namedItem(name);
      return el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? el.value : '';
    };
    const d: Draft = {
      ...EMPTY,
      project: val('project'),
      kind: val('kind') as PinKind,
      repository: val('repository'),
      workflow: val('workflow'),
      email: val('email'),
    };
    const r = validate(d, pins, managedPins);
    setErrors(r.errors);
    if (r.pin) {
      onChange([...pins, r.pin]);
      for (const name of ['project', 'repository', 'workflow', 'email'] as const) {
        const el = form.elements.namedItem(name);
        if (el instanceof HTMLInputElement) el.value = '';
      }
    }
  };
  const inv = (k: keyof Errors) => (errors[k] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `pin-${k}-error` } : {});
  return (
    <div class="pins">
      {pins.length === 0 && managedPins.length === 0 ? (
        <p class="muted">{O.noPins}</p>
      ) : (
        <ul class="pins__list">
          {managedPins.map((p, i) => (
            <li key={`managed|${p.project}|${i}`} data-pin={p.project} data-managed="true">
              <span class="mono">{pinText(p)}</span> <span class="managed">{O.managedPinNote}</span>
            </li>
          ))}
          {pins.map((p, i) => (
            <li key={`${p.project}|${i}`} data-pin={p.project} data-overridden={managedProjects.has(p.project) ? 'true' : undefined}>
              <span class="mono">{pinText(p)}</span>{' '}
              {managedProjects.has(p.project) ? (
                <>
                  <span class="muted">{O.pinOverridden}</span>{' '}
                </>
              ) : null}
              <button
                type="button"
                class="btn btn--small"
                aria-label={O.removeLabel(pinText(p))}
                onClick={() => onChange(pins.filter((x) => x !== p))}
              >
                {O.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="pins__form" onSubmit={add} noValidate>
        <div class="field">
          <label for="pin-project">{O.project}</label>
          <input id="pin-project" type="text" autocomplete="off" spellcheck={false} name="project" {...inv('project')} />
          <FieldError id="pin-project-error" text={errors.project} />
        </div>
        <div class="field">
          <label for="pin-kind">{O.kind}</label>
          <select id="pin-kind" name="kind">
            <option value="GitHub">GitHub</option>
            <option value="GitLab">GitLab</option>
            <option value="Google">Google</option>
          </select>
        </div>
        <div class="field">
          <label for="pin-repository">{O.repository}</label>
          <input id="pin-repository" type="text" autocomplete="off" spellcheck={false} name="repository" {...inv('repository')} />
          <FieldError id="pin-repository-error" text={errors.repository} />
        </div>
        <div class="field">
          <label for="pin-workflow">{O.workflow}</label>
          <input id="pin-workflow" type="text" autocomplete="off" spellcheck={false} name="workflow" />
        </div>
        <div class="field">
          <label for="pin-email">{O.email}</label>
          <input id="pin-email" type="email" autocomplete="off" spellcheck={false} name="email" {...inv('email')} />
          <FieldError id="pin-email-error" text={errors.email} />
        </div>
        <FieldError id="pin-form-error" text={errors.form} />
        <button id="pin-add" type="submit" class="btn">
          {O.add}
        </button>
      </form>
    </div>
  );
}
