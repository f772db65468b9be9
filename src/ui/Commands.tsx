/** "Check it yourself": copyable command lines and the raw-provenance save button. */
import type { FileView } from './types';
import type { ProvenIdentity } from './identity';
import { cliCommand, pypiAttestationsCommand, pypiAttestationsLocalCommand, repoForCommand } from './commands';
import { CopyButton } from './CopyButton';
import { W } from './wording';

function Cmd({ text }: { text: string }) {
  return (
    <div class="cmd">
      <pre class="cmd__text">{text}</pre>
      <CopyButton text={text} label={text} />
    </div>
  );
}

export function Commands({
  file,
  identity,
  onSaveProvenance,
}: {
  file: FileView;
  identity: ProvenIdentity | null;
  onSaveProvenance(): void;
}) {
  const repo = repoForCommand(file, identity);
  const pa = repo ? pypiAttestationsCommand(file, repo) : null;
  const paLocal = repo ? pypiAttestationsLocalCommand(file, repo) : null;
  const isGoogle = identity?.kind === 'google' || file.verdict?.publisher?.kind === 'Google';
  return (
    <section class="cmds" aria-labelledby="cmds-h" {...(repo?.claimed ? { 'data-unverified': '' } : {})}>
      <h3 id="cmds-h">{W.commandsTitle}</h3>
      {pa ? (
        <>
          <p class="small">{W.commandsIntro}</p>
          <Cmd text={pa} />
        </>
      ) : null}
      <p class="small">{W.commandsLocalIntro}</p>
      <div class="actions">
        <button type="button" class="btn" data-action="save-provenance" onClick={() => onSaveProvenance()}>
          {W.saveProvenance}
        </button>
      </div>
      {paLocal ? <Cmd text={paLocal} /> : null}
      {repo?.claimed ? <p class="small unverified-note">{W.commandRepoClaimed}</p> : null}
      {!repo && isGoogle ? <p class="small">{W.commandGoogleNote}</p> : null}
      {!pa && repo && file.index !== 'pypi.org' ? <p class="small">{W.commandTestPyPINote}</p> : null}
      <p class="small">{W.commandsCliIntro}</p>
      <Cmd text={cliCommand(file)} />
    </section>
  );
}
