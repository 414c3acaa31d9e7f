/** A container's resources, as the input gives them and the constructs write them. */

/** Resource limits and requests, as given: numbers are written as numbers, strings as quantities. */
export interface ContainerResources {
  /** Resource limits. @default none */
  readonly limits?: Readonly<Record<string, string | number>>;
  /** Resource requests. @default none */
  readonly requests?: Readonly<Record<string, string | number>>;
}
