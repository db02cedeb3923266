/**
 * A 25-line custom element around a Preact component, instead of preact-custom-element:
 * we need only string attributes, an open shadow root and one shared constructable
 * stylesheet, and this costs a few hundred bytes where the library adds its own.
 */
import { h, render, type ComponentType } from 'preact';
import { wantedLocale } from './i18n.ts';
import { widgetSheet } from './styles.ts';

export type ElementProps = Record<string, string | null> & { locale: string };

export function defineElement(tag: string, attributes: string[], App: ComponentType<ElementProps>): void {
  if (customElements.get(tag)) return; // the snippet pasted twice must not throw
  customElements.define(
    tag,
    class extends HTMLElement {
      static observedAttributes = [...attributes, 'lang'];
      root = this.attachShadow({ mode: 'open' });

      connectedCallback() {
        this.root.adoptedStyleSheets = [widgetSheet()];
        this.paint();
      }
      attributeChangedCallback() {
        if (this.isConnected) this.paint();
      }
      disconnectedCallback() {
        render(null, this.root);
      }
      paint() {
        const props: ElementProps = { locale: wantedLocale(this) };
        for (const a of attributes) props[a] = this.getAttribute(a);
        render(h(App, props), this.root);
      }
    },
  );
}
