/** An image pulled again at every pod start must name one image: a tag other than latest, or a digest. */
import { ComponentRule } from './rule';

/**
 * Why an image reference does not pin one image, or undefined when it does: a digest (`@sha256:...`) pins it,
 * and so does a tag other than `latest`. The tag is after the last `:` of the last path part, so that a
 * registry's port (`host:5000/img`) is not a tag.
 */
export function unpinned(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  if (colon < 0) return 'has no tag';
  return last.slice(colon + 1) === 'latest' ? 'is tagged latest' : undefined;
}

/** The `image-pull` rule: with `always_pull`, an image without a tag or tagged latest gives a warning. */
export const imagePullRule: ComponentRule<'image-pull'> = {
  name: 'image-pull',
  description: 'With always_pull (imagePullPolicy Always), the image names a tag other than latest, or a digest: a warning otherwise.',
  check: ({ value, warn }) => {
    const image = value.image;
    // An image with a space, or empty, is the schema's error.
    if (value.always_pull !== true || typeof image !== 'string' || !/^\S+$/.test(image)) return;
    const why = unpinned(image);
    if (why === undefined) return;
    const name = image.replace(/:latest$/, '');
    warn(
      ['image'],
      `${JSON.stringify(image)} ${why}, and the pull policy is Always (always_pull: true, the default of a DCAE spec): ` +
        'every pod restart may run a different image, and GitOps cannot show the change; ' +
        `expected a pinned tag or digest, such as ${name}:<version> or ${name}@sha256:<digest>`,
    );
  },
};
