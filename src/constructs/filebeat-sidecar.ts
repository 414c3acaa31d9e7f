import { Construct } from 'constructs';
import { FilebeatSettings } from '../input/platform/settings';
import { ComponentPod } from './component-pod';
import { emptyDirVolume, helperContainer, mount } from './container';

/** Props of {@link FilebeatSidecar}. */
export interface FilebeatSidecarProps {
  /** The pod to add the sidecar to. */
  readonly pod: ComponentPod;
  /** Where the main container writes its logs (`log_info.log_directory`). */
  readonly logDirectory: string;
  /** Where filebeat sees the logs. @default `<settings.log_path>/<component name>` */
  readonly alternateFbPath?: string;
  /** The platform's filebeat settings. */
  readonly settings: FilebeatSettings;
}

/**
 * The ELK logging sidecar: volumes `component-log`, `filebeat-data` and `filebeat-conf`, the main
 * container's log mount, and the `filebeat` container.
 */
export class FilebeatSidecar extends Construct {
  constructor(scope: Construct, id: string, props: FilebeatSidecarProps) {
    super(scope, id);
    const { pod, settings } = props;
    pod.addVolume(emptyDirVolume('component-log'));
    pod.addVolume(emptyDirVolume('filebeat-data'));
    pod.addVolume({ name: 'filebeat-conf', configMap: { name: settings.config_map } });
    pod.mountOnMain(mount('component-log', props.logDirectory));
    pod.addSidecar(helperContainer({
      name: 'filebeat',
      image: settings.image,
      mounts: [
        mount('component-log', props.alternateFbPath || `${settings.log_path}/${pod.componentName}`),
        mount('filebeat-data', settings.data_path),
        mount('filebeat-conf', settings.config_path, { subPath: settings.config_subpath }),
      ],
    }));
  }
}
