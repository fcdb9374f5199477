// Names people choose: the pipeline name (the backend's rule), task and group ids (the SDK's task names), parameter
// and output names (Python identifiers in the SDK), and no name used twice where KFP needs them apart.
import type { Location } from '../../errors/codes';
import type { PipelineDocument } from '../../model/document';
import { RESERVED_NAME } from '../../names/names';
import type { ValidationIndex } from '../validation-index';
import type { Report } from '../report';
import { isRecord, listOf, quote, text } from '../../model/shape';

/** pipelineInfo.name as the KFP backend accepts it (ValidatePipelineName, backend/src/apiserver/common/utils.go). */
export const PIPELINE_NAME = /^[a-z0-9][a-z0-9-]{0,127}$/;
/** Task and group ids: lower-case kebab, as the SDK sanitizes task names. */
const KEBAB = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `__proto__` is a Python identifier, but no name KFP Studio can keep as data (see shared/names/names.ts). */
function checkReserved(name: string, what: string, site: Location, report: Report): void {
  if (name === RESERVED_NAME) report.add('KFS520', `${what} cannot be named ${quote(name)}: rename it (for example ${quote('proto')}).`, site);
}

export function suggestKebab(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'task';
}

function suggestIdentifier(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]+/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s || 'param';
}

export function checkPipelineName(doc: PipelineDocument, report: Report): void {
  const name = doc.name;
  if (typeof name !== 'string' || name.length === 0) {
    report.add('KFS301', 'The pipeline has no name: give it one of lower-case letters, digits and "-".', { field: 'name' });
  } else if (!PIPELINE_NAME.test(name)) {
    const suggestion = name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
      .slice(0, 128);
    report.add(
      'KFS301',
      `Pipeline name ${quote(name)} is not accepted by Kubeflow: use lower-case letters, digits and "-", starting with a letter or digit, at most 128 characters${suggestion ? ` (for example ${quote(suggestion)})` : ''}.`,
      { field: 'name' },
    );
  }
}

function checkIds(ix: ValidationIndex, report: Report): void {
  ix.tasks.forEach((task, key) => {
    if (task.id !== key) report.add('KFS303', `Task ${quote(key)} carries the id ${quote(task.id)}: rename it so both agree.`, { task: key, field: 'id' });
    if (!KEBAB.test(key)) report.add('KFS303', `Task id ${quote(key)} is not valid: use lower-case letters, digits and "-" (for example ${quote(suggestKebab(key))}).`, { task: key });
    if (ix.groups.has(key) || ix.branches.has(key)) report.add('KFS302', `Task ${quote(key)} has the same id as a group or branch: rename one of them.`, { task: key });
  });
  const branchOwner = new Map<string, string>();
  for (const [key, group] of ix.groups) {
    if (group.id !== key) report.add('KFS303', `Group ${quote(key)} carries the id ${quote(group.id)}: rename it so both agree.`, { group: key, field: 'id' });
    if (!KEBAB.test(key)) report.add('KFS303', `Group id ${quote(key)} is not valid: use lower-case letters, digits and "-" (for example ${quote(suggestKebab(key))}).`, { group: key });
    if (group.kind !== 'condition') continue;
    listOf(group.branches).forEach((branch, index) => {
      if (!isRecord(branch) || typeof branch.id !== 'string') return;
      const site = { group: key, field: `branches[${index}].id` };
      if (!KEBAB.test(branch.id)) report.add('KFS303', `Branch id ${quote(branch.id)} is not valid: use lower-case letters, digits and "-" (for example ${quote(suggestKebab(branch.id))}).`, site);
      const owner = branchOwner.get(branch.id);
      if (owner !== undefined) report.add('KFS302', `Branch id ${quote(branch.id)} is used twice (in ${quote(owner)} and ${quote(key)}): rename one.`, site);
      else if (ix.groups.has(branch.id)) report.add('KFS302', `Branch ${quote(branch.id)} of ${quote(key)} has the same id as a group: rename one of them.`, site);
      branchOwner.set(branch.id, key);
    });
  }
}

function checkPorts(ix: ValidationIndex, report: Report): void {
  const kind = ix.graphId === undefined ? 'Pipeline parameter' : 'Sub-pipeline input';
  const seen = new Set<string>();
  listOf(ix.graph.inputs).forEach((port, index) => {
    if (!isRecord(port)) return;
    const name = text(port.name);
    const site = { parameter: name, field: `inputs[${index}]` };
    if (typeof port.name !== 'string' || !IDENTIFIER.test(port.name)) {
      report.add('KFS303', `${kind} name ${quote(name)} is not valid: use letters, digits and "_", not starting with a digit (for example ${quote(suggestIdentifier(name))}).`, site);
    }
    checkReserved(name, kind, site, report);
    if (seen.has(name)) report.add('KFS302', `${kind} ${quote(name)} is defined twice: rename or remove one.`, site);
    seen.add(name);
  });
  const outputs = new Set<string>();
  const outKind = ix.graphId === undefined ? 'Pipeline output' : 'Sub-pipeline output';
  listOf(ix.graph.outputs).forEach((output, index) => {
    if (!isRecord(output)) return;
    const name = text(output.name);
    const site = { output: name, field: `outputs[${index}]` };
    if (typeof output.name !== 'string' || !IDENTIFIER.test(output.name)) {
      report.add('KFS303', `${outKind} name ${quote(name)} is not valid: use letters, digits and "_", not starting with a digit (for example ${quote(suggestIdentifier(name))}).`, site);
    }
    checkReserved(name, outKind, site, report);
    if (outputs.has(name)) report.add('KFS302', `${outKind} ${quote(name)} is defined twice: rename or remove one.`, site);
    outputs.add(name);
  });
}

export function checkNames(ix: ValidationIndex, report: Report): void {
  checkIds(ix, report);
  checkPorts(ix, report);
}
