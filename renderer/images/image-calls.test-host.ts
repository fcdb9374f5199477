// The image calls of the renderer's test host: no engine here (builds for real are tested in test/containers).
import type { HostApi } from '../../shared/host-api/host-api.calls';
import type { IMAGE_CALLS } from '../../shared/host-api/image.calls';
import { fail } from '../../shared/host-api/host-result';

export function unavailableImageCalls(): Pick<HostApi, keyof typeof IMAGE_CALLS> {
  const no = async () => fail('KFS850', 'Cannot build images: there is no container engine in this test host.');
  return { imageBuildStart: no, imageBuildStatus: no, imageContextHash: no };
}
