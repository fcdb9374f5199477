// Graph inputs (pipeline parameters): their defaults fit their types, and each is read somewhere.
// Runs after the rules that resolve arguments, which record what is read.
import { typeLabel } from '../../types/type-compat';
import type { ValidationIndex } from '../validation-index';
import type { Report } from '../report';
import { isRecord, listOf, quote } from '../../model/shape';
import { describeValue, expectedValue, isKfpType, valueMatches } from '../value-type';

export function checkParameters(ix: ValidationIndex, report: Report): void {
  const kind = ix.graphId === undefined ? 'Pipeline parameter' : 'Sub-pipeline input';
  listOf(ix.graph.inputs).forEach((port, index) => {
    if (!isRecord(port) || typeof port.name !== 'string') return;
    const name = port.name;
    if (!isKfpType(port.type)) {
      report.add('KFS306', `${kind} ${quote(name)} has no type: choose one.`, { parameter: name, field: `inputs[${index}].type` });
    } else if (port.default !== undefined && port.default !== null) {
      const site = { parameter: name, field: `inputs[${index}].default` };
      if (port.type.kind === 'artifact') {
        report.add('KFS306', `${kind} ${quote(name)} is a ${typeLabel(port.type)} artifact and cannot have a default value: remove the default.`, site);
      } else if (!valueMatches(port.default, port.type.type)) {
        report.add('KFS306', `${kind} ${quote(name)} is ${typeLabel(port.type)} but its default is ${describeValue(port.default)}: enter ${expectedValue(port.type.type)} or change the type.`, site);
      }
    }
    if (!ix.usedInputs.has(name) && ix.inputs.get(name) === port) {
      report.add('KFS305', `${kind} ${quote(name)} is not used by any task: connect it to a task input or remove it.`, { parameter: name });
    }
  });
}
