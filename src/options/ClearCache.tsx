/** "Clear cache" → background; shows the result as text. */
import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { O } from '../ui/wording';

export function ClearCache() {
  const [status, setStatus] = useState('');
  const onClick = async () => {
    setStatus(O.clearing);
    try {
      const res: unknown = await browser.runtime.sendMessage({ type: 'clear-cache' });
      const r = typeof res === 'object' && res !== null ? (res as { ok?: unknown; message?: unknown }) : {};
      if (r.ok === false) setStatus(O.clearFailed(typeof r.message === 'string' ? r.message : O.unknownError));
      else setStatus(O.cleared);
    } catch (e) {
      setStatus(O.clearFailed(e instanceof Error ? e.message : String(e)));
    }
  };
  return (
    <div class="field">
      <button id="clear-cache" type="button" class="btn" onClick={onClick}>
        {O.clearCache}
      </button>{' '}
      <span id="clear-cache-status" role="status">
        {status}
      </span>
    </div>
  );
}
