// The IR as YAML text: the PipelineSpec, then the PlatformSpec as a second document, keys sorted so that the same
// document always gives the same bytes. The SDK's `# PIPELINE DEFINITION` header comment leads, naming the pipeline.
// The text is what js-yaml's `dump(value, YAML_OPTIONS)` writes, byte for byte (see shared/yaml/yaml-block.write.ts).
import { strFromU8 } from 'fflate';
import { yamlDocument, yamlStreamBytes } from '../yaml/yaml-block.write';
import type { IrCompileResult } from './ir.compile';

export { YAML_OPTIONS } from '../yaml/yaml-scalar';
export { yamlDocument };

/** The pipeline file's text as UTF-8, ready for writePipelineArchive without a round trip through a string. */
export function irToYamlBytes(result: IrCompileResult): Uint8Array {
  const info = result.pipelineSpec.pipelineInfo as { name?: unknown } | undefined;
  const name = typeof info?.name === 'string' ? info.name.replace(/[\r\n]/g, ' ') : '';
  const documents = result.platformSpec ? [result.pipelineSpec, result.platformSpec] : [result.pipelineSpec];
  return yamlStreamBytes(`# PIPELINE DEFINITION\n# Name: ${name}\n`, documents);
}

export function irToYaml(result: IrCompileResult): string {
  return strFromU8(irToYamlBytes(result));
}
