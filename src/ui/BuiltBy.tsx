/** "Built by …" from a verified SLSA build provenance predicate; kept apart from "uploaded by". */
import type { SlsaFacts } from './identity';
import { shortSha } from './identity';
import { W } from './wording';

export function BuiltBy({ facts }: { facts: SlsaFacts }) {
  return (
    <div class="facts facts--built">
      <p class="fact">
        {W.builtBy} <code>{facts.builderId ?? W.none}</code>
        {facts.source ? (
          <>
            {' '}
            {W.builtFrom} <code>{facts.source.uri}</code>
            {facts.source.commit ? (
              <>
                {' '}
                {W.atCommit} <code>{shortSha(facts.source.commit)}</code>
              </>
            ) : null}
          </>
        ) : null}
        .
      </p>
      {facts.buildType ? (
        <p class="small">
          {W.buildType}: <code>{facts.buildType}</code>
        </p>
      ) : null}
      <p class="small muted">{W.slsaNote}</p>
    </div>
  );
}
