// An artifact's first bytes drawn as what they are: metrics and classification charts, sandboxed HTML, Markdown, a
// CSV table, pretty JSON, text, or a note that it is not text.
import type { ArtifactValue } from '../../../shared/runtime/runtime';
import { ConfusionMatrixChart, RocChart } from './Charts';
import { readClassification, scalarMetrics } from '../../../shared/runs/run-metrics';
import { parseCsv, previewKind } from './preview-kind';
import { SafeMarkdown } from './SafeMarkdown';

const MAX_ROWS = 100;

export interface PreviewData {
  text: string;
  bytes: number;
  size?: number;
  truncated: boolean;
  binary: boolean;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function PreviewBody({ artifact, data }: { artifact: ArtifactValue; data: PreviewData }) {
  const kind = previewKind(artifact.schemaTitle, artifact.uri, data.text, data.binary);
  const cut = data.truncated ? <p className="kfs-muted">Showing the first {data.bytes.toLocaleString()} of {(data.size ?? data.bytes).toLocaleString()} bytes.</p> : null;
  switch (kind) {
    case 'binary':
      return <p className="kfs-muted">This artifact is not text ({(data.size ?? data.bytes).toLocaleString()} bytes): open it from {artifact.uri}.</p>;
    case 'metrics': {
      const unique = scalarMetrics(parseJson(data.text), artifact.metadata);
      if (!unique.length) return <pre className="kfs-preview-text">{data.text}</pre>;
      return (
        <table className="kfs-preview-table" aria-label="Metrics">
          <thead><tr><th scope="col">metric</th><th scope="col">value</th></tr></thead>
          <tbody>{unique.map(([k, v]) => <tr key={k}><th scope="row">{k}</th><td>{typeof v === 'number' ? Number(v.toFixed(6)) : v}</td></tr>)}</tbody>
        </table>
      );
    }
    case 'classification': {
      const fromFile = readClassification(parseJson(data.text));
      const fromMeta = readClassification(artifact.metadata);
      const matrix = fromFile.matrix ?? fromMeta.matrix;
      const roc = fromFile.roc ?? fromMeta.roc;
      if (!matrix && !roc) return <pre className="kfs-preview-text">{data.text}</pre>;
      return (
        <div className="kfs-preview-charts">
          {matrix ? <ConfusionMatrixChart matrix={matrix} /> : null}
          {roc ? <RocChart points={roc} /> : null}
        </div>
      );
    }
    case 'html':
      // No allow-scripts: the document cannot run code, reach this page, or navigate it.
      return <iframe className="kfs-preview-html" title={`${artifact.name} (HTML preview)`} sandbox="" srcDoc={data.text} />;
    case 'markdown':
      return (<>{cut}<SafeMarkdown text={data.text} /></>);
    case 'csv': {
      const { header, rows, more } = parseCsv(data.text, MAX_ROWS, data.truncated);
      return (
        <>
          <div className="kfs-preview-scroll">
            <table className="kfs-preview-table" aria-label={`${artifact.name} (CSV)`}>
              <thead><tr>{header.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr></thead>
              <tbody>{rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
            </table>
          </div>
          {more ? <p className="kfs-muted">Showing the first {rows.length} rows.</p> : null}
        </>
      );
    }
    case 'json':
      return (<>{cut}<pre className="kfs-preview-text">{JSON.stringify(parseJson(data.text), null, 2)}</pre></>);
    default:
      return (<>{cut}<pre className="kfs-preview-text">{data.text}</pre></>);
  }
}
