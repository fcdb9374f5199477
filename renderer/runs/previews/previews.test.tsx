import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ArtifactValue } from '../../../shared/runtime/runtime';
import { PreviewBody } from './PreviewBody';
import { parseCsv } from './preview-kind';

const artifact = (name: string, schemaTitle: string, uri = `/data/${name}`, metadata: ArtifactValue['metadata'] = {}): ArtifactValue => ({ name, uri, schemaTitle, metadata });
const data = (text: string, truncated = false) => ({ text, bytes: text.length, size: truncated ? text.length * 10 : text.length, truncated, binary: false });

describe('artifact previews', () => {
  it('shows a CSV dataset as a table with its header, quoted cells kept whole', () => {
    render(<PreviewBody artifact={artifact('train_data', 'system.Dataset')} data={data('name,score\n"Smith, Jo",0.5\nLee,0.75\n')} />);
    const table = screen.getByRole('table', { name: 'train_data (CSV)' });
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['name', 'score']);
    expect(within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['Smith, Jo', '0.5'],
      ['Lee', '0.75'],
    ]);
  });

  it('drops the last line of a cut CSV and says only the first rows are shown', () => {
    const parsed = parseCsv('a,b\n1,2\n3,4\n5,', 100, true);
    expect(parsed.rows).toEqual([['1', '2'], ['3', '4']]);
    render(<PreviewBody artifact={artifact('d', 'system.Dataset', '/x/d.csv')} data={data('a,b\n1,2\n3,4\n5,', true)} />);
    expect(screen.getByText('Showing the first 2 rows.')).toBeTruthy();
  });

  it('shows KFP metrics as a metric/value table, from the file and the metadata', () => {
    render(<PreviewBody artifact={artifact('metrics', 'system.Metrics', '/m', { auc: 0.91 })} data={data('{"accuracy": 0.8125, "test_rows": 96}')} />);
    const table = screen.getByRole('table', { name: 'Metrics' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual(['accuracy0.8125', 'test_rows96', 'auc0.91']);
  });

  it('draws a confusion matrix with a cell per pair of classes and an ROC curve', () => {
    const classification = {
      confusionMatrix: { annotationSpecs: [{ displayName: 'cat' }, { displayName: 'dog' }], rows: [{ row: [8, 2] }, { row: [1, 9] }] },
      confidenceMetrics: [
        { threshold: 1, truePositiveRate: 0, falsePositiveRate: 0 },
        { threshold: 0.5, truePositiveRate: 0.9, falsePositiveRate: 0.2 },
        { threshold: 0, truePositiveRate: 1, falsePositiveRate: 1 },
      ],
    };
    const { container } = render(<PreviewBody artifact={artifact('c', 'system.ClassificationMetrics')} data={data(JSON.stringify(classification))} />);
    const matrix = screen.getByRole('img', { name: 'Confusion matrix of 2 classes' });
    // Each class names a column (predicted) and a row (actual).
    expect(within(matrix as unknown as HTMLElement).getAllByText('cat', { selector: 'text' })).toHaveLength(2);
    const cells = [...container.querySelectorAll('[data-cell]')].map((g) => `${g.getAttribute('data-cell')}=${g.textContent}`);
    expect(cells).toEqual(['0,0=8', '0,1=2', '1,0=1', '1,1=9']);
    // Trapezoids: 0.2*0.45 + 0.8*0.95 = 0.85.
    expect(screen.getByRole('img', { name: 'ROC curve of 3 points, area 0.850' })).toBeTruthy();
  });

  it('renders Markdown without interpreting raw HTML or script links', () => {
    const md = '# Report\n\nThe model is **good** and `fast`.\n\n<img src=x onerror="alert(1)"><script>alert(2)</script>\n\n- [docs](https://example.com)\n- [bad](javascript:alert(3))\n\n| k | v |\n| --- | --- |\n| acc | 0.9 |';
    const { container } = render(<PreviewBody artifact={artifact('report', 'system.Markdown')} data={data(md)} />);
    expect(screen.getByRole('heading', { name: 'Report' })).toBeTruthy();
    expect(container.querySelector('strong')?.textContent).toBe('good');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(screen.getByText(/<img src=x onerror="alert\(1\)"><script>alert\(2\)<\/script>/)).toBeTruthy();
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com']);
    expect(screen.getByText('[bad](javascript:alert(3))')).toBeTruthy();
    expect(within(screen.getByRole('table')).getByText('0.9')).toBeTruthy();
  });

  it('puts HTML in a sandboxed frame that cannot run scripts, and pretty-prints JSON', () => {
    render(<PreviewBody artifact={artifact('page', 'system.HTML')} data={data('<p>hi</p><script>parent.x=1</script>')} />);
    const frame = screen.getByTitle('page (HTML preview)');
    expect(frame.getAttribute('sandbox')).toBe('');
    render(<PreviewBody artifact={artifact('cfg', 'system.Artifact', '/x/cfg.json')} data={data('{"a":[1,2]}')} />);
    expect(screen.getByText(/"a": \[\s+1,\s+2\s+\]/)).toBeTruthy();
  });
});
