/** The verified "Uploaded via PyPI Trusted Publishing by …" sentence, from the VERIFIED certificate identity only. */
import type { AttestationResult, PublisherInfo } from '../verify/verdict';
import type { ProvenIdentity } from './identity';
import { shortSha } from './identity';
import { commitUrl, logEntryUrl, runUrl, workflowFileUrl } from './links';
import { SafeLink } from './SafeLink';
import { formatUtc } from './time';
import { W } from './wording';

function LogClause({ att }: { att: AttestationResult }) {
  const t = att.tlog;
  if (!t) return null;
  const href = logEntryUrl(t);
  const entry = t.rekorVersion === 2 && t.checkpointOrigin ? W.rekorV2Entry(t.checkpointOrigin, t.logIndex) : `${W.entry} ${t.logIndex}`;
  return (
    <li class="fact-log">
      {W.signatureInLog} (
      <SafeLink href={href} class="mono">
        {entry}
      </SafeLink>
      {t.integratedTime ? `, ${formatUtc(t.integratedTime)}` : ''}).
    </li>
  );
}

export function UploadedFrom({
  identity: id,
  att,
  publisher,
}: {
  identity: ProvenIdentity;
  att: AttestationResult;
  publisher: PublisherInfo | null;
}) {
  const env = publisher?.environment;
  let who;
  let ran = null;
  if (id.kind === 'forge') {
    const wf = id.commit ? workflowFileUrl(id.forge, id.repository, id.commit, id.workflowPath) : null;
    const commit = id.commit ? commitUrl(id.forge, id.repository, id.commit) : null;
    const run = runUrl(id.runUri);
    who = (
      <>
        {id.forge === 'github' ? W.githubWorkflow : W.gitlabWorkflow}{' '}
        <SafeLink href={wf} class="mono fact-workflow">
          {id.forge === 'github' ? id.workflowName : id.workflowPath}
        </SafeLink>{' '}
        {W.inRepo} <code class="fact-repo">{id.repository}</code>
        {run ? (
          <>
            {' '}
            (<SafeLink href={run}>{W.runLink}</SafeLink>)
          </>
        ) : null}
      </>
    );
    ran = id.commit ? (
      <li class="fact-ran">
        {W.workflowRanAt}{' '}
        <SafeLink href={commit} class="mono fact-commit">
          {shortSha(id.commit)}
        </SafeLink>
        {id.ref ? (
          <>
            {' '}
            ({W.fromRef} <code>{id.ref}</code>)
          </>
        ) : null}
        .
      </li>
    ) : (
      <li class="fact-ran">{W.noCommit}</li>
    );
  } else if (id.kind === 'google') {
    who = (
      <>
        {W.googleAccount} <code class="fact-email">{id.email}</code>
      </>
    );
  } else {
    who = (
      <>
        {W.otherIdentity} <code>{id.san ?? W.none}</code> ({W.issuerLabel} <code>{id.issuer ?? W.none}</code>)
      </>
    );
  }
  return (
    <div class="facts">
      <h3 class="proves__title">{W.provesTitle}</h3>
      <ul class="fact proves">
        <li class="fact-who">
          {W.uploadedVia} {who}.
        </li>
        {ran}
        <LogClause att={att} />
      </ul>
      {id.kind === 'google' ? <p class="small">{W.googleNote}</p> : null}
      {typeof env === 'string' && env !== '' ? <p class="small unverified-note">{W.environment(env)}</p> : null}
      <p class="small muted">{W.publishedVia}</p>
    </div>
  );
}
