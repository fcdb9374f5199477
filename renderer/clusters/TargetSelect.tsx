// A select of where runs go: "This computer" (the local runtime) or one of the cluster profiles.
import { useEffect } from 'react';
import { useHost } from '../host/host-context';
import { useUiStore } from '../store/ui-stores';
import { KIND_TEXT, useClustersUi, type ClustersUiStore } from './clusters-ui';

export interface TargetSelectProps {
  label: string;
  value: string | undefined;
  onChange(target: string | undefined): void;
  clusters?: ClustersUiStore;
}

const LOCAL = '';

export function TargetSelect({ label, value, onChange, clusters: given }: TargetSelectProps) {
  const clusters = useUiStore('clusters', given);
  const host = useHost();
  const profiles = useClustersUi((s) => s.profiles, clusters);
  useEffect(() => {
    if (!clusters.getState().profiles) void clusters.getState().refresh(host);
  }, [host, clusters]);
  const known = value === undefined || profiles === undefined || profiles.some((p) => p.profile.name === value);
  return (
    <label className="kfs-target-select">
      <span>{label}</span>
      <select aria-label={label} value={value ?? LOCAL} onChange={(e) => onChange(e.target.value === LOCAL ? undefined : e.target.value)}>
        <option value={LOCAL}>This computer</option>
        {profiles?.map(({ profile }) => (
          <option key={profile.id} value={profile.name}>
            {profile.name} ({KIND_TEXT[profile.kind]})
          </option>
        ))}
        {!known && value ? <option value={value}>{value} (removed)</option> : null}
      </select>
    </label>
  );
}
