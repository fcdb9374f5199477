// Outputs that leave sub-DAGs, as the SDK surfaces them: `dsl.Collected` (a loop's outputs gathered as a list, one
// `pipelinechannel--<task>-<output>` output per loop level), `dsl.OneOf` (a `condition-branches` output selecting the
// branch that ran) and the graph's own outputs.
import { KfsError } from '../errors/codes';
import type { GraphOutput } from '../model/document';
import type { ChannelResolver } from './ir-channels';
import { channelName } from './ir-names';
import type { GraphStructure } from './ir-structure';
import type { GroupOutputs } from './ir-surface';
import { emptyOutputs, selectorOutput, surface } from './ir-surface';
import type { IrObject } from './ir-types';
import { addDefinition } from './ir-types';

export class OutputSurfacer {
  private readonly groupOutputs = new Map<string, GroupOutputs>();
  private readonly oneOfNames = new Map<string, string>();
  private readonly oneOfCount = new Map<string, number>();

  constructor(
    private readonly structure: GraphStructure,
    private readonly resolver: ChannelResolver,
    private readonly where: { graph?: string },
  ) {}

  outputsFor(group: string): GroupOutputs | undefined {
    return this.groupOutputs.get(group);
  }

  private readonly outputsOf = (group: string): GroupOutputs => {
    let outputs = this.groupOutputs.get(group);
    if (!outputs) this.groupOutputs.set(group, (outputs = emptyOutputs()));
    return outputs;
  };

  collected(task: string, output: string, consumer: string | undefined, where: object): string {
    const ups = consumer === undefined ? this.structure.pathOf(task) : this.structure.uncommon(task, consumer).ups;
    const groups = ups.slice(0, -1);
    if (!groups.some((g) => this.structure.nodes.get(g)?.kind === 'loop')) {
      throw new KfsError('KFS104', `Collected output ${output} of ${task} must come from inside a loop the consumer is not in.`, where);
    }
    const type = this.resolver.outputPort(task, output).type;
    return surface(this.outputsOf, groups, task, output, channelName(`${task}-${output}`), type, true);
  }

  oneOf(
    sources: readonly { task: string; output: string }[],
    consumer: string | undefined,
    where: object,
  ): { group: string; key: string; type: 'parameters' | 'artifacts' } {
    const first = sources[0];
    if (!first) throw new KfsError('KFS602', 'oneOf needs at least one source.', where);
    const path = this.structure.pathOf(first.task);
    const branches = path.find((g) => this.structure.nodes.get(g)?.kind === 'branches');
    if (!branches) throw new KfsError('KFS104', 'oneOf sources must sit in the branches of one condition.', where);
    const type = this.resolver.outputPort(first.task, first.output).type;
    const memo = `${branches}|${sources.map((s) => `${s.task}.${s.output}`).join(',')}`;
    let name = this.oneOfNames.get(memo);
    if (name === undefined) {
      const n = (this.oneOfCount.get(branches) ?? 0) + 1;
      this.oneOfCount.set(branches, n);
      name = channelName(`${branches}-oneof-${n}`);
      this.oneOfNames.set(memo, name);
      const selectors: IrObject[] = [];
      for (const source of sources) {
        const sourcePath = this.structure.pathOf(source.task);
        const at = sourcePath.indexOf(branches);
        const inner = sourcePath.slice(at + 1, -1);
        const branch = inner[0];
        if (at < 0 || branch === undefined) throw new KfsError('KFS104', `oneOf source ${source.task} is not in a branch of ${branches}.`, where);
        const sourceType = this.resolver.outputPort(source.task, source.output).type;
        const key = surface(this.outputsOf, inner, source.task, source.output, channelName(`${source.task}-${source.output}`), sourceType, false);
        selectors.push(
          type.kind === 'parameter' ? { outputParameterKey: key, producerSubtask: branch } : { outputArtifactKey: key, producerSubtask: branch },
        );
      }
      const outputs = this.outputsOf(branches);
      if (type.kind === 'parameter') outputs.parameters[name] = { valueFromOneof: { parameterSelectors: selectors } };
      else outputs.artifacts[name] = { artifactSelectors: selectors };
      addDefinition(outputs.definitions, name, type);
    }
    // From the branches group out to the consumer's level.
    const ups = consumer === undefined ? this.structure.pathOf(branches) : this.structure.uncommon(branches, consumer).ups;
    const key = surface(this.outputsOf, ups.slice(0, -1), branches, name, name, type, false);
    return { group: ups[0] ?? branches, key, type: type.kind === 'parameter' ? 'parameters' : 'artifacts' };
  }

  graphOutputs(outputs: readonly GraphOutput[]): IrObject | undefined {
    if (outputs.length === 0) return undefined;
    const result: { parameters: IrObject; artifacts: IrObject } = { parameters: {}, artifacts: {} };
    for (const output of outputs) {
      const where = { ...this.where, output: output.name };
      const source = output.source;
      let producer: string;
      let key: string;
      let kind: 'parameter' | 'artifact';
      if (source.kind === 'taskOutput') {
        if (this.structure.containerOfTask(source.task) !== undefined) {
          throw new KfsError('KFS107', `Pipeline output ${output.name} comes from inside a group; collect it or use oneOf.`, where);
        }
        kind = this.resolver.outputPort(source.task, source.output).type.kind;
        producer = source.task;
        key = source.output;
      } else if (source.kind === 'collected') {
        kind = this.resolver.outputPort(source.task, source.output).type.kind;
        key = this.collected(source.task, source.output, undefined, where);
        producer = this.structure.pathOf(source.task)[0] ?? source.task;
      } else if (source.kind === 'oneOf') {
        const surfaced = this.oneOf(source.sources, undefined, where);
        kind = surfaced.type === 'parameters' ? 'parameter' : 'artifact';
        producer = surfaced.group;
        key = surfaced.key;
      } else {
        throw new KfsError('KFS107', `Pipeline output ${output.name} must come from a task output.`, where);
      }
      const { bucket, value } = selectorOutput(kind === 'parameter' ? { kind: 'parameter', type: 'STRING' } : output.type, producer, key);
      (result[bucket] as IrObject)[output.name] = value;
    }
    const dagOutputs: IrObject = {};
    if (Object.keys(result.artifacts).length) dagOutputs.artifacts = result.artifacts;
    if (Object.keys(result.parameters).length) dagOutputs.parameters = result.parameters;
    return dagOutputs;
  }
}
