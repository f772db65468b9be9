/** A button that copies text to the clipboard and says whether it worked. */
import { useState } from 'preact/hooks';
import { copyText } from './download';
import { W } from './wording';

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const [status, setStatus] = useState<'idle' | 'ok' | 'fail'>('idle');
  const onClick = async () => setStatus((await copyText(text)) ? 'ok' : 'fail');
  return (
    <span class="copy">
      <button type="button" class="btn btn--small" onClick={onClick} aria-label={label ? W.copyLabel(label) : W.copy}>
        {W.copy}
      </button>
      <span class="copy__status" role="status">
        {status === 'ok' ? W.copied : status === 'fail' ? W.copyFailed : ''}
      </span>
    </span>
  );
}
