// The IR as YAML text: the PipelineSpec, then the PlatformSpec as a second document, keys sorted so that the same
// document always gives the same bytes. The SDK's `# PIPELINE DEFINITION` header comment leads, naming the pipeline.
// The text is what js-yaml's `dump(value, YAML_OPTIONS)` writes, byte for byte (see shared/yaml/yaml-block.write.ts).
import { strFromU8 } from 'fflate';
import { yamlDocument, yamlStreamBytes, type YamlStream } from '../yaml/yaml-block.write';
import type { IrCompileResult } from './ir.compile';

export { YAML_OPTIONS } from '../yaml/yaml-scalar';
export { yamlDocument };

/** The pipeline file as a YAML stream, for writePipelineArchive to write straight into the archive. */
export function irToYamlStream(result: IrCompileResult): YamlStream {
  const info = result.pipelineSpec.pipelineInfo as { name?: unknown } | undefined;
  const name = typeof info?.name === 'string' ? info.name.replace(/[\r\n]/g, ' ') : '';
  const documents = result.platformSpec ? [result.pipelineSpec, result.platformSpec] : [result.pipelineSpec];
  return { header: `# PIPELINE DEFINITION\n# Name: ${name}\n`, documents };
}

/** The pipeline file's text as UTF-8. */
export function irToYamlBytes(result: IrCompileResult): Uint8Array {
  return yamlStreamBytes(irToYamlStream(result));
}

export function irToYaml(result: IrCompileResult): string {
  return strFromU8(irToYamlBytes(result));
}
