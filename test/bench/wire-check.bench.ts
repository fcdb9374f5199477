// A wire gesture on the canvas and the Properties source picker, on a document just edited (so nothing cached from
// an earlier version helps): while a wire is dragged, React Flow asks isValidConnection of each input hovered, the
// hint asks again, and the drop asks once more — the canvas's gesture memo checks each pair once (the first row
// shows what asking anew each time costs); the picker lists every output the selected input may take.
import { sourceOptions } from '../../shared/edit/argument-source';
import { validate } from '../../shared/validate/validate';
import { checkWire, type Wire } from '../../shared/edit/wire-check';
import { newWireGesture } from '../../renderer/canvas/wire-gesture';
import type { PipelineDocument } from '../../shared/model/document';
import { own } from '../../shared/names/names';
import type { BenchSection } from './bench-harness';
import { sweepBySize } from './size-sweep';

/** The document as it is after an edit: new records for the graph and its tasks and groups. */
function edited(doc: PipelineDocument): PipelineDocument {
  return { ...doc, graph: { ...doc.graph, tasks: { ...doc.graph.tasks }, groups: { ...doc.graph.groups } } };
}

interface Gesture {
  doc: PipelineDocument;
  /** Transform steps late in the pipeline: the wire is dragged from an early dataset to their input. */
  targets: string[];
  source: string;
}

function gesture(doc: PipelineDocument): Gesture {
  const transforms = Object.keys(doc.graph.tasks).filter((id) => id.startsWith('transform-'));
  const source = Object.keys(doc.graph.tasks).find((id) => id.startsWith('produce-')) as string;
  return { doc, targets: transforms.slice(-3), source };
}

type Ask = (document: PipelineDocument, wire: Wire) => string | undefined;

/** The checks of one gesture: each target hovered (isValidConnection and the hint), then the drop on the first. */
function wireGesture(now: PipelineDocument, targets: readonly string[], source: string, ask: Ask = newWireGesture().check): number {
  const check = (target: string) => (ask(now, { source, sourceHandle: 'out:dataset', target, targetHandle: 'in:input_data' }) === undefined ? 0 : 1);
  let refused = 0;
  for (const target of targets) refused += check(target) + check(target);
  return refused + check(targets[0] as string);
}

export const wireCheckBench: BenchSection = {
  id: 'wire-check',
  title: 'Wire check and source picker',
  async run({ quick }) {
    return [
      sweepBySize(
        {
          title: 'one wire gesture after an edit, each ask checked anew (the canvas before its gesture memo)',
          prepare: gesture,
          run: ({ doc, targets, source }) => `${wireGesture(edited(doc), targets, source, checkWire)} refused`,
          resultColumn: 'checks refused',
        },
        quick,
      ),
      sweepBySize(
        {
          title: 'one wire gesture after an edit: 3 inputs hovered (isValidConnection + hint each) and the drop, each pair checked once',
          prepare: gesture,
          run: ({ doc, targets, source }) => {
            const now = edited(doc);
            const refused = wireGesture(now, targets, source);
            return `${refused} refused`;
          },
          resultColumn: 'checks refused',
        },
        quick,
      ),
      sweepBySize(
        {
          title: 'as in the app: an edit is validated (Problems), then one wire gesture as above',
          prepare: gesture,
          run: ({ doc, targets, source }) => {
            const now = edited(doc);
            const problems = validate(now).length;
            const refused = wireGesture(now, targets, source);
            return `${problems} problems, ${refused} refused`;
          },
          resultColumn: 'result',
        },
        quick,
      ),
      sweepBySize(
        {
          title: 'the Properties source picker for one input after an edit (sourceOptions)',
          prepare: gesture,
          run: ({ doc, targets }) => {
            const now = edited(doc);
            const target = targets[0] as string;
            const input = own(now.components, 'transformer')?.inputs[0];
            if (!input) throw new Error('no transformer input');
            return sourceOptions(now, target, input, own(now.graph.tasks, target)?.arguments.input_data).length;
          },
          resultColumn: 'options',
        },
        quick,
      ),
    ];
  },
};
