/**
 * What ecoute.js lends the scripts it loads on demand (chunks.ts): the same Preact, the API and
 * style helpers, the words' registry. build.ts points the suggestion box's imports of these modules at
 * this object, which ecoute.js puts on `window`.
 */
import { Component, Fragment, h } from 'preact';
import { hasWords, waiting } from './chunks.ts';
import { strings } from './i18n.ts';
import { registry } from './registry.ts';
import { apiBase, request } from './net.ts';
import { sheetOf } from './styles.ts';

export const lent = { Component, Fragment, h, apiBase, request, sheetOf, registry, hasWords, waiting, strings };
