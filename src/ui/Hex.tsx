/**
 * A long hex value (fingerprint, serial, digest, key id): in groups of 8 that wrap only between
 * groups (<wbr>, no added characters, so a selection copies the value as it is), with a Copy button.
 */
import { Fragment } from 'preact';
import { CopyButton } from './CopyButton';

/** Hex long enough to need wrapping and copying (16+ digits, optionally colon-separated bytes). */
export const isLongHex = (v: string): boolean => /^[0-9a-f]{16,}$/i.test(v) || /^[0-9a-f]{2}(?::[0-9a-f]{2}){7,}$/i.test(v);

export function Hex({ value, label }: { value: string; label: string }) {
  const groups = value.match(/.{1,8}/g) ?? [value];
  return (
    <span class="hex">
      <span class="mono hex__value" data-hex={value}>
        {groups.map((g, i) => (
          <Fragment key={i}>
            {i > 0 ? <wbr /> : null}
            <span class="hex__g">{g}</span>
          </Fragment>
        ))}
      </span>{' '}
      <CopyButton text={value} label={label} />
    </span>
  );
}
