/** One MSB registration, defaults filled in: an entry of the ClusterIP Service's `msb.onap.org/service-info` annotation. */
export interface MsbRegistration {
  /** serviceName. */
  readonly serviceName: string;
  /** port, as a string. */
  readonly port: string;
  /** version, for example `v1`. */
  readonly version: string;
  /** url, for example `/`. */
  readonly url: string;
  /** protocol, for example `REST`. */
  readonly protocol: string;
  /** enable_ssl. */
  readonly enableSsl: boolean;
  /** visualRange, for example `"1"`. */
  readonly visualRange: string;
}
