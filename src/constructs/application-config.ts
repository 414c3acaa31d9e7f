import { createHash } from 'crypto';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { PodPart } from './pod-part';
import { ComponentPod } from './component-pod';
import {
  APPLICATION_CONFIG_ENV,
  APPLICATION_CONFIG_KEY,
  APPLICATION_CONFIG_MOUNT_PATH,
  APPLICATION_CONFIG_PATH,
  applicationConfigMapName,
} from '../contract/names';
import { ConfigMap } from './private/api-objects';
import { mount } from './private/container';
import { APPLICATION_CONFIG_VOLUME } from './private/parts';

/** The pod template annotation holding the SHA-256 of the configuration: a change of configuration rolls the pods. */
export const APPLICATION_CONFIG_CHECKSUM_ANNOTATION = 'checksum/application-config';

/** Options of {@link ApplicationConfig}: its props without the pod. */
export interface ApplicationConfigOptions {
  /**
   * The text of `application_config.yaml`, written as it is: the component's configuration as YAML. The
   * compiler writes it with its keys sorted and every ambiguous string quoted, so the same configuration
   * always gives the same bytes (and the same checksum).
   */
  readonly config: string;
}

/** Props of {@link ApplicationConfig}. */
export interface ApplicationConfigProps extends ApplicationConfigOptions {
  /** The pod whose main container reads the configuration. */
  readonly pod: ComponentPod;
}

/**
 * The component's application configuration in a ConfigMap, instead of the config binding service: the
 * ConfigMap `<name>-application-config` (the pod's labels, written before the Deployment, which depends on
 * it) with the one key `application_config.yaml`; the volume `application-config` (configMap, mode 0644)
 * mounted read-only at `/app-config-input` in the main container; the main container's variable
 * `CBS_CLIENT_CONFIG_PATH=/app-config-input/application_config.yaml`, after its own variables and before
 * POD_IP; and the pod template annotation `checksum/application-config`, the SHA-256 (hex) of the text.
 *
 * Construct id of the ConfigMap: `ConfigMap`.
 */
export class ApplicationConfig extends PodPart {
  /** The ConfigMap. */
  public readonly configMap: k8s.KubeConfigMap;
  /** The SHA-256 of the configuration text, in lower-case hex: the pod template's `checksum/application-config`. */
  public readonly checksum: string;

  constructor(scope: Construct, id: string, props: ApplicationConfigProps) {
    super(scope, id, props.pod);
    const pod = this.pod;
    const name = applicationConfigMapName(pod.componentName);
    // The ConfigMap comes before the Deployment in the component's manifest.
    this.configMap = this.beforeDeployment(
      new ConfigMap(this, 'ConfigMap', {
        metadata: this.metadataNamed(name),
        data: { [APPLICATION_CONFIG_KEY]: props.config },
      }),
    );
    this.checksum = createHash('sha256').update(props.config, 'utf8').digest('hex');
    pod.addVolume({ name: APPLICATION_CONFIG_VOLUME, configMap: { name, defaultMode: 420 } });
    pod.mountOnMain(mount(APPLICATION_CONFIG_VOLUME, APPLICATION_CONFIG_MOUNT_PATH, { readOnly: true }));
    pod.addMainEnv(APPLICATION_CONFIG_ENV, APPLICATION_CONFIG_PATH);
    pod.annotateTemplate(APPLICATION_CONFIG_CHECKSUM_ANNOTATION, this.checksum);
  }
}
