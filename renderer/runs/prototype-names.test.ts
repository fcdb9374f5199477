// In the editor and the Run dialog, names objects inherit are ordinary names: a required parameter named
// `constructor` left empty asks for a value (the old code read Object's constructor as its text and threw), and
// an ordering edge to a task named `toString` that is not there is refused with the usual hint.
import { describe, expect, it } from 'vitest';
import { twoStepDocument } from '../../shared/model/test-documents';
import { checkOrdering } from '../../shared/edit/wire-check';
import { freeTaskId } from '../../shared/edit/add-component';
import { initialValues, parameterFields, readParameters } from './run-parameters';

describe('names objects inherit, in the editor and the Run dialog', () => {
  it('asks for a value of a required parameter named constructor, and reads one named valueOf', () => {
    const doc = twoStepDocument();
    doc.graph.inputs = [
      { name: 'constructor', type: { kind: 'parameter', type: 'STRING' } },
      { name: 'valueOf', type: { kind: 'parameter', type: 'NUMBER_INTEGER' } },
    ];
    const fields = parameterFields(doc);
    const empty = readParameters(fields, {});
    expect(empty.errors).toEqual({ constructor: 'Required: give a value.', valueOf: 'Required: give a value.' });
    const filled = readParameters(fields, { ...initialValues(fields), constructor: 'x', valueOf: '3' });
    expect(filled).toEqual({ values: { constructor: 'x', valueOf: 3 }, errors: {} });
  });

  it('refuses an ordering edge to a task named toString that the pipeline does not have', () => {
    expect(checkOrdering(twoStepDocument(), 'use', 'toString')).toMatch(/Ordering edges go from/);
    expect(checkOrdering(twoStepDocument(), 'use', 'make')).toBeUndefined();
  });

  it('names a step added from a component called constructor "constructor", not "constructor-2"', () => {
    expect(freeTaskId(twoStepDocument(), 'constructor')).toBe('constructor');
    expect(freeTaskId(twoStepDocument(), 'make')).toBe('make-2');
  });
});
