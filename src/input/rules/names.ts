/** The object names derived from a component name, cut to 63 characters. */
import {
  CERT_POST_PROCESSOR_CONTAINER, CERT_SERVICE_CLIENT_CONTAINER, componentObjects, FILEBEAT_CONTAINER, MAX_NAME, TLS_INIT_CONTAINER,
} from '../../constructs/names';
import { PortMapping } from '../model';
import { Report } from '../values';

/** Derived object names are cut to 63 characters; a cut name must still be valid and distinct. */
export function checkDerivedNames(name: string, ports: PortMapping[], err: Report): void {
  const seen = new Map<string, string>();
  for (const { role: what, name: derived } of componentObjects(name, ports)) {
    if (derived.endsWith('-')) {
      err(['name'], `gives the ${what} name "${derived}" once cut to ${MAX_NAME} characters, which ends in "-"; expected a shorter name`);
    }
    const other = seen.get(derived);
    if (other) {
      const longest = what.startsWith('IPv6') ? MAX_NAME - '-ipv6'.length - 1 : MAX_NAME - 1;
      err(['name'], `gives the same name "${derived}" to the ${other} and the ${what} once cut to ${MAX_NAME} characters; expected a name of at most ${longest} characters`);
    }
    seen.set(derived, what);
  }
}

/**
 * The main container is named after the component, and the API server refuses two containers (or init
 * containers) of one name in a pod: a component may not be named like a container the compiler adds beside it.
 */
export function checkContainerNames(name: string, added: { readonly filebeat: boolean; readonly externalCert: boolean; readonly certManager?: boolean }, err: Report): void {
  const helpers: Array<[string, string, boolean]> = [
    [TLS_INIT_CONTAINER, 'the TLS init container every pod gets', true],
    [FILEBEAT_CONTAINER, 'the filebeat sidecar that log_info adds', added.filebeat],
    [CERT_SERVICE_CLIENT_CONTAINER, 'the init container that external_cert adds', added.externalCert && !added.certManager],
    [CERT_POST_PROCESSOR_CONTAINER, 'the init container that external_cert adds', added.externalCert],
  ];
  for (const [container, what, present] of helpers) {
    if (present && name === container) {
      err(['name'], `"${name}" is also the name of ${what}, and a pod's containers need distinct names; expected another component name`);
    }
  }
}
