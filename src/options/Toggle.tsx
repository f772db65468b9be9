/** A labelled checkbox with an explanation. */
export function Toggle(props: { id: string; label: string; help?: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <div class="field field--toggle">
      <input id={props.id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)} aria-describedby={props.help ? `${props.id}-help` : undefined} />
      <label for={props.id}>{props.label}</label>
      {props.help ? (
        <p id={`${props.id}-help`} class="help">
          {props.help}
        </p>
      ) : null}
    </div>
  );
}
