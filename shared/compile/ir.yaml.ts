// The IR as YAML text: the PipelineSpec, then the PlatformSpec as a second document, keys sorted so that the same
// document always gives the same bytes. The SDK's `# PIPELINE DEFINITION` header comment leads, naming the pipeline.
import { dump } from 'js-yaml';
import type { IrCompileResult } from './ir.compile';

function yamlDocument(value: object): string {
  return dump(value, { sortKeys: true, noRefs: true, lineWidth: -1, quotingType: "'" });
}

export function irToYaml(result: IrCompileResult): string {
  const info = result.pipelineSpec.pipelineInfo as { name?: unknown } | undefined;
  const name = typeof info?.name === 'string' ? info.name.replace(/[\r\n]/g, ' ') : '';
  let text = `# PIPELINE DEFINITION\n# Name: ${name}\n${yamlDocument(result.pipelineSpec)}`;
  if (result.platformSpec) text += `---\n${yamlDocument(result.platformSpec)}`;
  return text;
}
