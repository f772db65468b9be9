/** A labelled checkbox with an explanation; `locked` = set by the organisation's policy (disabled, says so). */
import { O } from '../ui/wording';

export function Toggle(props: {
  id: string;
  label: string;
  help?: string;
  checked: boolean;
  locked?: boolean;
  onChange(v: boolean): void;
}) {
  const described = [props.help ? `${props.id}-help` : '', props.locked ? `${props.id}-managed` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field field--toggle${props.locked ? ' field--managed' : ''}`} data-managed={props.locked ? 'true' : undefined}>
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        disabled={props.locked}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
        aria-describedby={described || undefined}
      />
      <label for={props.id}>{props.label}</label>
      {props.locked ? (
        <p id={`${props.id}-managed`} class="managed">
          {O.managed}
        </p>
      ) : null}
      {props.help ? (
        <p id={`${props.id}-help`} class="help">
          {props.help}
        </p>
      ) : null}
    </div>
  );
}
