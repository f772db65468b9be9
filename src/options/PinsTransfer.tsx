/**
 * Export the identity pins as a JSON file (usable in CI) and import such a file: every pin is
 * validated with parsePin; the page says how many were imported and how many rejected.
 * Imported pins replace the existing pins of the same projects.
 */
import { useState } from 'preact/hooks';
import { exportPins, importPins, mergePins } from '../report/pins-file';
import type { IdentityPin } from '../settings';
import { O } from '../ui/wording';

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function PinsTransfer({ pins, onChange }: { pins: IdentityPin[]; onChange(pins: IdentityPin[]): void }) {
  const [status, setStatus] = useState<string | null>(null);
  const onFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text().catch(() => null);
    input.value = '';
    if (text === null) {
      setStatus(O.pinsReadFailed);
      return;
    }
    const r = importPins(text);
    if (!r.ok) {
      setStatus(O.pinsImportNothing(r.error ?? O.pinsNotPinsFile));
      return;
    }
    const projects = new Set(r.pins.map((p) => p.project));
    onChange(
      mergePins(
        pins.filter((p) => !projects.has(p.project)),
        r.pins,
      ),
    );
    setStatus(O.pinsImported(r.pins.length, r.rejected));
  };
  return (
    <div class="pins-transfer">
      <div class="actions">
        <button type="button" class="btn" id="pins-export" onClick={() => download(exportPins(pins), 'pypi-provenance-pins.json')}>
          {O.pinsExport}
        </button>
        <label for="pins-import">{O.pinsImport}</label>
        <input id="pins-import" type="file" accept="application/json,.json" onChange={(e) => void onFile(e)} />
      </div>
      {status ? (
        <p id="pins-import-status" role="status" class="muted">
          {status}
        </p>
      ) : null}
    </div>
  );
}
