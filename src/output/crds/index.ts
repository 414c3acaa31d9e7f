/**
 * The CustomResourceDefinitions vendored in the repository, for the custom objects the compiler writes
 * (see ../custom-resources.ts and README.md beside this file).
 *
 * cert-manager's `certificates.cert-manager.io` CRD is NOT vendored yet: until it is, every Certificate (cert-manager
 * mode) is reported as having no schema, and nothing is written. To vendor it, put the CRD of a current v1
 * release here as JSON (for example `cert-manager-certificates.json`, converted from the release's
 * `cert-manager.crds.yaml`), note its URL, version and licence (Apache-2.0) in README.md, and list it below.
 */
import type { VendoredCrd } from '../custom-resources';

export const VENDORED_CRDS: readonly VendoredCrd[] = [];
