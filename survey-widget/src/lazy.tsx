/**
 * <ecoute-suggestions> is defined by ecoute.js, but its component comes with
 * ecoute-suggestions.js, fetched the first time a page shows the box: the survey alone stays
 * small, and the agency still pastes one <script>.
 */
import { Component } from 'preact';
import type { ElementProps } from './element.ts';
import { loadChunk, waiting } from './chunks.ts';
import { registry } from './registry.ts';

export class LazySuggestions extends Component<ElementProps> {
  override componentDidMount() {
    // Offline, the box stays "loading" until the page is loaded again: it could not send anyway.
    void loadChunk('ecoute-suggestions.js').then(() => this.forceUpdate());
  }
  render() {
    const App = registry().suggestions;
    return App ? <App {...(this.props as ElementProps)} /> : waiting();
  }
}
