/** The options page: settings saved on change, pins, cache, and what trust root is bundled. */
import { useEffect, useState } from 'preact/hooks';
import type { ManagedSettings, Settings } from '../settings';
import { O } from '../ui/wording';
import { ClearCache } from './ClearCache';
import { PinsEditor } from './PinsEditor';
import { PinsTransfer } from './PinsTransfer';
import { loadSettings, onSettingsChanged, saveSettings } from './settings-store';
import { Toggle } from './Toggle';
import { TrustRootInfo } from './TrustRootInfo';
import { TrustUpdates } from './TrustUpdates';

export function Options({ now }: { now?: Date } = {}) {
  // The user's own values (what is saved) and what the organisation's policy forces (shown locked).
  const [settings, setSettings] = useState<Settings | null>(null);
  const [managed, setManaged] = useState<ManagedSettings>({ pins: [] });
  const [status, setStatus] = useState('');

  useEffect(() => {
    let live = true;
    const load = () =>
      void loadSettings().then(
        (s) => {
          if (!live) return;
          setSettings(s.user);
          setManaged(s.managed);
        },
        (e) => live && setStatus(O.saveFailed(String(e))),
      );
    load();
    const off = onSettingsChanged(load);
    return () => {
      live = false;
      off();
    };
  }, []);

  const update = async (patch: Partial<Settings>) => {
    if (!settings) return;
    const next = { ...settings, ...patch };
    setSettings(next);
    setStatus('');
    try {
      await saveSettings(next);
      setStatus(O.saved);
    } catch (e) {
      setStatus(O.saveFailed(e instanceof Error ? e.message : String(e)));
    }
  };

  return (
    <main class="options">
      <h1>{O.title}</h1>
      <p class="help">{O.intro}</p>
      <p id="save-status" class="save-status" role="status" aria-live="polite">
        {status}
      </p>
      {settings === null ? (
        <p>{O.loading}</p>
      ) : (
        <>
          <section aria-labelledby="h-behaviour">
            <h2 id="h-behaviour">{O.behaviour}</h2>
            {managed.strict || managed.confirmFailedDownloads || managed.pins.length > 0 ? (
              <p class="managed-intro" id="managed-intro">
                {O.managedIntro}
              </p>
            ) : null}
            <Toggle
              id="strict-mode"
              label={O.strict}
              help={O.strictHelp}
              checked={managed.strict ?? settings.strict}
              locked={managed.strict}
              onChange={(v) => update({ strict: v })}
            />
            <Toggle
              id="confirm-failed"
              label={O.confirmFailed}
              help={O.confirmFailedHelp}
              checked={managed.confirmFailedDownloads ?? settings.confirmFailedDownloads}
              locked={managed.confirmFailedDownloads}
              onChange={(v) => update({ confirmFailedDownloads: v })}
            />
            <Toggle id="show-summary" label={O.showSummary} checked={settings.showSummary} onChange={(v) => update({ showSummary: v })} />
          </section>
          <section aria-labelledby="h-pins">
            <h2 id="h-pins">{O.pins}</h2>
            <p class="help">{O.pinsHelp}</p>
            <PinsEditor pins={settings.pins} managedPins={managed.pins} onChange={(pins) => update({ pins })} />
            <PinsTransfer pins={settings.pins} onChange={(pins) => update({ pins })} />
          </section>
        </>
      )}
      <section aria-labelledby="h-cache">
        <h2 id="h-cache">{O.cache}</h2>
        <p class="help">{O.cacheHelp}</p>
        <ClearCache />
      </section>
      <section aria-labelledby="h-trust">
        <h2 id="h-trust">{O.trust}</h2>
        <p class="help">{O.trustHelp}</p>
        {settings === null ? null : (
          <TrustUpdates
            enabled={!managed.disableTrustRootUpdates && settings.trustRootUpdates}
            locked={managed.disableTrustRootUpdates}
            onChange={(v) => update({ trustRootUpdates: v })}
          />
        )}
        <TrustRootInfo now={now} />
      </section>
    </main>
  );
}
