// The coded problems of the catalogs that did not load cleanly (a folder gone, a file refused, an offline copy),
// shown under the palette's search: one failing catalog never hides the others' components.
import { memo } from 'react';
import { formatLocation } from '../../shared/errors/codes';
import type { CatalogSource } from '../../shared/host-api/catalog.calls';
import type { HostError } from '../../shared/host-api/host-result';

export function problemText(problem: HostError): string {
  const where = problem.location ? formatLocation(problem.location) : '';
  return `${problem.code} ${where ? `${where}: ` : ''}${problem.message}`;
}

function CatalogProblemsView({ sources }: { sources: readonly CatalogSource[] }) {
  const troubled = sources.filter((s) => s.problems.length);
  if (!troubled.length) return null;
  return (
    <details className="kfs-catalog-problems">
      <summary>
        {troubled.length === 1 ? `Catalog ${troubled[0]?.name} has` : `${troubled.length} catalogs have`} problems
      </summary>
      <ul aria-label="Catalog problems">
        {troubled.flatMap((source) =>
          source.problems.map((problem, i) => (
            <li key={`${source.id}-${i}`}>
              <strong>{source.name}</strong>: {problemText(problem)}
            </li>
          )),
        )}
      </ul>
    </details>
  );
}

export const CatalogProblems = memo(CatalogProblemsView);
