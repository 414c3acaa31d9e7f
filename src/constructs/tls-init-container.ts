import { Construct } from 'constructs';
import { TlsSettings } from '../input/platform/settings';
import { ComponentPod } from './component-pod';
import { emptyDirVolume, helperContainer, mount } from './container';

/** Props of {@link TlsInitContainer}. */
export interface TlsInitContainerProps {
  /** The pod to add the init container to. */
  readonly pod: ComponentPod;
  /** Whether the component is a TLS server (`TLS_SERVER`). @default false */
  readonly useTls?: boolean;
  /** Where the main container sees the certificates. @default settings.component_cert_dir */
  readonly certDirectory?: string;
  /** The platform's TLS settings. */
  readonly settings: TlsSettings;
}

/** The TLS init container `init-tls` and its `tls-info` volume, mounted in the main container. */
export class TlsInitContainer extends Construct {
  /** The certificate directory the main container mounts `tls-info` at. */
  public readonly certDirectory: string;

  constructor(scope: Construct, id: string, props: TlsInitContainerProps) {
    super(scope, id);
    const { pod, settings } = props;
    this.certDirectory = props.certDirectory || settings.component_cert_dir;
    pod.addVolume(emptyDirVolume('tls-info'));
    pod.mountOnMain(mount('tls-info', this.certDirectory));
    pod.addInitContainer(helperContainer({
      name: 'init-tls',
      image: settings.image,
      env: [['TLS_SERVER', props.useTls ? 'true' : 'false']],
      mounts: [mount('tls-info', settings.cert_path)],
    }));
  }
}
