import { Construct } from 'constructs';
import { PodPart } from './pod-part';
import { ComponentPod } from './component-pod';
import { PLATFORM_DEFAULTS } from '../contract/defaults';
import { emptyDirVolume, helperContainer, mount } from './private/container';
import { TLS_INIT_CONTAINER } from '../contract/names';
import { TLS_INFO_VOLUME } from './private/parts';

/** Options of {@link TlsInitContainer}: its props without the pod. */
export interface TlsInitContainerOptions {
  /** Whether the component is a TLS server (`TLS_SERVER`). @default false */
  readonly useTls?: boolean;
  /** Where the main container sees the certificates; an empty string counts as not set. @default "/opt/dcae/cacert" (platform tls.component_cert_dir) */
  readonly certDirectory?: string;
  /** The TLS init container's image. @default "nexus3.onap.org:10001/onap/org.onap.dcaegen2.deployments.tls-init-container:2.1.0" (platform tls.image) */
  readonly image?: string;
  /** Where the TLS init container writes the certificates. @default "/opt/app/osaaf" (platform tls.cert_path) */
  readonly certPath?: string;
}

/** Props of {@link TlsInitContainer}. */
export interface TlsInitContainerProps extends TlsInitContainerOptions {
  /** The pod to add the init container to. */
  readonly pod: ComponentPod;
}

/**
 * The TLS init container `init-tls` and its `tls-info` volume, mounted in the main container. The
 * external-certificate constructs ({@link CertServiceClient}) take it in their props, since they use its volume.
 */
export class TlsInitContainer extends PodPart {
  /** The certificate directory the main container mounts `tls-info` at. */
  public readonly certDirectory: string;

  constructor(scope: Construct, id: string, props: TlsInitContainerProps) {
    super(scope, id, props.pod);
    const d = PLATFORM_DEFAULTS.tlsInit;
    const pod = this.pod;
    this.certDirectory = props.certDirectory || d.certDirectory;
    pod.addVolume(emptyDirVolume(TLS_INFO_VOLUME));
    pod.mountOnMain(mount(TLS_INFO_VOLUME, this.certDirectory));
    pod.addInitContainer(
      helperContainer({
        name: TLS_INIT_CONTAINER,
        image: props.image ?? d.image,
        env: [['TLS_SERVER', props.useTls ? 'true' : 'false']],
        mounts: [mount(TLS_INFO_VOLUME, props.certPath ?? d.certPath)],
      }),
    );
  }
}
