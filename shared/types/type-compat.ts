// Whether a task output may feed a task input, by the KFP SDK's rules (kfp.dsl.types.type_utils.verify_type_compatibility):
// parameters and artifacts never mix; parameter types must be equal (no widening, not even Integer to Float);
// artifacts must agree on list-ness, then `system.Artifact` on either side matches anything, else the schema titles
// must be equal and the schema versions share their major number.
import type { KfpType, ParameterType } from '../model/document';
import { hasOwnName } from '../names/names';

const PARAMETER_LABELS: Record<ParameterType, string> = {
  STRING: 'String',
  NUMBER_INTEGER: 'Integer',
  NUMBER_DOUBLE: 'Float',
  BOOLEAN: 'Boolean',
  LIST: 'List',
  STRUCT: 'Dict',
  TASK_FINAL_STATUS: 'PipelineTaskFinalStatus',
};

export const GENERIC_ARTIFACT_TITLE = 'system.Artifact';

/** A type as a person picks it in a dialog: a parameter type's IR name or an artifact's schema title, by its label. */
export function typeChoiceLabel(choice: string): string {
  if (hasOwnName(PARAMETER_LABELS, choice)) return PARAMETER_LABELS[choice as ParameterType];
  return typeLabel({ kind: 'artifact', schemaTitle: choice, schemaVersion: '0.0.1' });
}

/** `String`, `Integer`, `Dataset`, `List[Model]`, `google.VertexModel`, or an unknown title as written. */
export function typeLabel(t: KfpType): string {
  if (t.kind === 'parameter') return PARAMETER_LABELS[t.type];
  const title = t.schemaTitle.startsWith('system.') ? t.schemaTitle.slice('system.'.length) : t.schemaTitle;
  return t.isList ? `List[${title}]` : title;
}

/** The SDK treats PipelineTaskFinalStatus as a Dict when comparing. */
function comparableParameter(type: ParameterType): ParameterType {
  return type === 'TASK_FINAL_STATUS' ? 'STRUCT' : type;
}

function withArticle(label: string): string {
  return `${/^[AEIOU]/i.test(label) ? 'an' : 'a'} ${label}`;
}

function majorVersion(version: string): string {
  return version.split('.')[0] ?? '';
}

/**
 * Undefined when an output of type `from` may feed an input of type `to`; otherwise a short reason a person can act on.
 */
export function checkCompatibility(from: KfpType, to: KfpType): string | undefined {
  const fromLabel = typeLabel(from);
  const toLabel = typeLabel(to);
  if (from.kind !== to.kind) {
    return from.kind === 'parameter'
      ? `${fromLabel} output (a parameter) cannot feed ${withArticle(toLabel)} input (an artifact)`
      : `${fromLabel} output (an artifact) cannot feed ${withArticle(toLabel)} input (a parameter)`;
  }
  if (from.kind === 'parameter' && to.kind === 'parameter') {
    if (comparableParameter(from.type) === comparableParameter(to.type)) return undefined;
    return `${fromLabel} output cannot feed ${withArticle(toLabel)} input`;
  }
  if (from.kind !== 'artifact' || to.kind !== 'artifact') return undefined;
  if (Boolean(from.isList) !== Boolean(to.isList)) {
    return from.isList
      ? `A list of artifacts (${fromLabel}) cannot feed a single ${toLabel} input`
      : `A single ${fromLabel} artifact cannot feed ${withArticle(toLabel)} input`;
  }
  if (from.schemaTitle === GENERIC_ARTIFACT_TITLE || to.schemaTitle === GENERIC_ARTIFACT_TITLE) return undefined;
  if (from.schemaTitle !== to.schemaTitle) return `${fromLabel} output cannot feed ${withArticle(toLabel)} input`;
  if (majorVersion(from.schemaVersion) !== majorVersion(to.schemaVersion)) {
    return `${fromLabel} schema version ${from.schemaVersion} is not compatible with version ${to.schemaVersion} expected by the input`;
  }
  return undefined;
}
