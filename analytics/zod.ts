/**
 * zod's functional build (`zod/mini`: zod 4's core, about a third of the classic build's bytes
 * and start-up work), with the English messages the classic build sets for itself and the mini
 * one does not. The schemas the public routes parse are written against it, so a visitor's cold
 * start loads no classic zod; classic schemas take them as they are. Their messages stay the
 * classic ones, which the API's answers and the console's translations (console/src/errors.ts)
 * rely on.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
