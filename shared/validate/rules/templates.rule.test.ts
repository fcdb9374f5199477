// Values written into text (f-string templates) and Kubernetes names taken from values are connections too.
import { describe, expect, it } from 'vitest';
import type { Argument } from '../../model/document';
import { findCode, sampleWith } from '../validate.fixtures';

const labelOfReportBad = (label: Argument) => sampleWith((d) => (d.graph.tasks['report-bad']!.arguments.label = label));

describe('template arguments', () => {
  it('accept parameters and upstream parameter outputs written into text', () => {
    const doc = labelOfReportBad({ kind: 'template', parts: ['from ', { kind: 'graphInput', input: 'source_uri' }, ' rows=', { kind: 'taskOutput', task: 'load', output: 'rows' }] });
    expect(findCode(doc, 'KFS204')).toEqual([]);
    expect(findCode(doc, 'KFS102')).toEqual([]);
  });

  it('count a parameter used only in a template as used', () => {
    const doc = sampleWith((d) => {
      d.graph.inputs.push({ name: 'tag', type: { kind: 'parameter', type: 'STRING' }, default: 'v1' });
      d.graph.tasks['report-bad']!.arguments.label = { kind: 'template', parts: ['tag-', { kind: 'graphInput', input: 'tag' }] };
    });
    expect(findCode(doc, 'KFS305').filter((d) => d.location.parameter === 'tag')).toEqual([]);
  });

  it('refuse an artifact written into text, and name the input', () => {
    const found = findCode(labelOfReportBad({ kind: 'template', parts: ['data at ', { kind: 'taskOutput', task: 'load', output: 'data' }] }), 'KFS204');
    expect(found).toEqual([expect.objectContaining({ location: { task: 'report-bad', port: 'label' } })]);
    expect(found[0]!.message).toMatch(/artifact Dataset into text/);
  });

  it('report an undefined parameter inside a template', () => {
    const found = findCode(labelOfReportBad({ kind: 'template', parts: [{ kind: 'graphInput', input: 'nope' }] }), 'KFS304');
    expect(found[0]?.message).toContain("'nope'");
  });
});

describe('Kubernetes names taken from values', () => {
  it('skip the literal name check when the secret name comes from a parameter', () => {
    const doc = sampleWith((d) => {
      d.graph.tasks.load!.options = { secrets: [{ kind: 'env', secretName: '', key: 'k', envVar: 'K', secretNameFrom: { kind: 'graphInput', input: 'source_uri' } }] };
    });
    expect(findCode(doc, 'KFS205')).toEqual([]);
  });

  it('report a claim name taken from a missing task, and a name taken from a number', () => {
    const dangling = sampleWith((d) => {
      d.graph.tasks.load!.options = { pvcs: [{ pvcName: '', mountPath: '/data', pvcNameFrom: { kind: 'taskOutput', task: 'ghost', output: 'name' } }] };
    });
    expect(findCode(dangling, 'KFS102')).toEqual([expect.objectContaining({ location: { task: 'load', field: 'options.pvcs[0].pvcNameFrom' } })]);
    const numeric = sampleWith((d) => {
      d.graph.tasks.load!.options = { secrets: [{ kind: 'volume', secretName: '', mountPath: '/s', secretNameFrom: { kind: 'graphInput', input: 'rate' } }] };
    });
    expect(findCode(numeric, 'KFS204')[0]?.message).toMatch(/secret name .* must be a String/);
  });
});
