// The IR as YAML text: the PipelineSpec, then the PlatformSpec as a second document, keys sorted so that the same
// document always gives the same bytes. The SDK's `# PIPELINE DEFINITION` header comment leads, naming the pipeline.
// The text is what js-yaml's `dump(value, YAML_OPTIONS)` writes, byte for byte (see shared/yaml/yaml-block.write.ts).
import { yamlDocument } from '../yaml/yaml-block.write';
import type { IrCompileResult } from './ir.compile';

export { YAML_OPTIONS } from '../yaml/yaml-scalar';
export { yamlDocument };

export function irToYaml(result: IrCompileResult): string {
  const info = result.pipelineSpec.pipelineInfo as { name?: unknown } | undefined;
  const name = typeof info?.name === 'string' ? info.name.replace(/[\r\n]/g, ' ') : '';
  const platform = result.platformSpec ? `---\n${yamlDocument(result.platformSpec)}` : '';
  return `# PIPELINE DEFINITION\n# Name: ${name}\n${yamlDocument(result.pipelineSpec)}${platform}`;
}
