/**
 * A 25-line custom element around a Preact component, instead of preact-custom-element:
 * we need only string attributes, an open shadow root and one shared constructable
 * stylesheet, and this costs a few hundred bytes where the library adds its own.
 */
import { h, render, type ComponentType } from 'preact';
import { wantedLocale } from './i18n.ts';
import { widgetSheet } from './styles.ts';

type Attribute = 'survey' | 'api' | 'territory' | 'preview' | 'channel';
/** The attributes (null when absent), the page's language, and a preview's definition (a JS property). */
export type ElementProps = Partial<Record<Attribute, string | null>> & { locale: string; definition?: object };

export function defineElement(tag: string, attributes: Attribute[], App: ComponentType<ElementProps>): void {
  if (customElements.get(tag)) return; // the snippet pasted twice must not throw
  customElements.define(
    tag,
    class extends HTMLElement {
      static observedAttributes = [...attributes, 'lang'];
      /** The space a placeholder inside the tag took on the page, if the page was drawn before this script ran. */
      reserved = Math.max(this.offsetHeight, (this.firstElementChild as HTMLElement | null)?.offsetHeight ?? 0);
      root = this.attachShadow({ mode: 'open' });
      #definition?: object;

      /** A definition to render instead of fetching the live one: the staff console's preview. */
      get definition() {
        return this.#definition;
      }
      set definition(value: object | undefined) {
        this.#definition = value;
        if (this.isConnected) this.paint();
      }

      connectedCallback() {
        this.root.adoptedStyleSheets = [widgetSheet()];
        // Hold that space (or a placeholder canvas's height, when this script ran first) until the person first
        // touches the widget, so nothing below it moves while it loads. A frame callback runs before the next paint.
        requestAnimationFrame(() => {
          const reserve = Math.max(this.reserved, this.querySelector('canvas')?.height ?? 0);
          if (!reserve) return;
          // A custom property: `all: initial` on :host resets every real one, even an inline !important.
          this.style.setProperty('--ecoute-reserve', `${reserve}px`);
          const free = () => this.style.removeProperty('--ecoute-reserve');
          for (const type of ['pointerdown', 'keydown']) this.root.addEventListener(type, free, { once: true });
        });
        this.paint();
      }
      attributeChangedCallback() {
        if (this.isConnected) this.paint();
      }
      disconnectedCallback() {
        render(null, this.root);
      }
      paint() {
        const props: ElementProps = { locale: wantedLocale(this), definition: this.#definition };
        for (const a of attributes) props[a] = this.getAttribute(a);
        render(h(App, props), this.root);
      }
    },
  );
}
