// The README's advice for React 19: the kit's tags in React's JSX, with their attributes,
// properties and events, and what React allows on any HTML element (`onClick`, `aria-*`).
import type { HTMLAttributes } from 'react';
import type { CustomElements } from 'azure-compliance-connect/jsx';

type KitElements = {
  [Tag in keyof CustomElements]: CustomElements[Tag] & HTMLAttributes<HTMLElement>;
};

declare module 'react' {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends KitElements {}
  }
}
