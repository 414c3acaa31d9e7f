import { Construct } from 'constructs';
import { PodPart } from './pod-part';
import { ComponentPod } from './component-pod';
import { PLATFORM_DEFAULTS } from '../contract/defaults';
import { emptyDirVolume, helperContainer, mount } from './private/container';
import { FILEBEAT_CONTAINER, filebeatLogPath } from '../contract/names';
import { COMPONENT_LOG_VOLUME, FILEBEAT_CONF_VOLUME, FILEBEAT_DATA_VOLUME } from './private/parts';

/** Options of {@link FilebeatSidecar}: its props without the pod. */
export interface FilebeatSidecarOptions {
  /** Where the main container writes its logs (`log_info.log_directory`). */
  readonly logDirectory: string;
  /** Where filebeat sees the logs; an empty string counts as not set. @default `<logPath>/<component name>` */
  readonly alternateFbPath?: string;
  /** Filebeat image. @default "docker.elastic.co/beats/filebeat:5.5.0" (platform filebeat.image) */
  readonly image?: string;
  /** The folder under which filebeat sees each component's logs. @default "/var/log/onap" (platform filebeat.log_path) */
  readonly logPath?: string;
  /** Where filebeat keeps its registry. @default "/usr/share/filebeat/data" (platform filebeat.data_path) */
  readonly dataPath?: string;
  /** Where filebeat reads its configuration file. @default "/usr/share/filebeat/filebeat.yml" (platform filebeat.config_path) */
  readonly configPath?: string;
  /** The key of the configuration file in its ConfigMap. @default "filebeat.yml" (platform filebeat.config_subpath) */
  readonly configSubPath?: string;
  /** The ConfigMap holding filebeat's configuration. @default "filebeat-conf" (platform filebeat.config_map) */
  readonly configMap?: string;
}

/** Props of {@link FilebeatSidecar}. */
export interface FilebeatSidecarProps extends FilebeatSidecarOptions {
  /** The pod to add the sidecar to. */
  readonly pod: ComponentPod;
}

/**
 * The ELK logging sidecar: volumes `component-log`, `filebeat-data` and `filebeat-conf`, the main
 * container's log mount, and the `filebeat` container.
 */
export class FilebeatSidecar extends PodPart {
  constructor(scope: Construct, id: string, props: FilebeatSidecarProps) {
    super(scope, id, props.pod);
    const d = PLATFORM_DEFAULTS.filebeat;
    const pod = this.pod;
    pod.addVolume(emptyDirVolume(COMPONENT_LOG_VOLUME));
    pod.addVolume(emptyDirVolume(FILEBEAT_DATA_VOLUME));
    pod.addVolume({ name: FILEBEAT_CONF_VOLUME, configMap: { name: props.configMap ?? d.configMap } });
    pod.mountOnMain(mount(COMPONENT_LOG_VOLUME, props.logDirectory));
    pod.addSidecar(
      helperContainer({
        name: FILEBEAT_CONTAINER,
        image: props.image ?? d.image,
        mounts: [
          mount(COMPONENT_LOG_VOLUME, filebeatLogPath(props.logPath ?? d.logPath, pod.componentName, props.alternateFbPath)),
          mount(FILEBEAT_DATA_VOLUME, props.dataPath ?? d.dataPath),
          mount(FILEBEAT_CONF_VOLUME, props.configPath ?? d.configPath, { subPath: props.configSubPath ?? d.configSubPath }),
        ],
      }),
    );
  }
}
