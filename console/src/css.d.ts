/** The stylesheet is bundled by esbuild into its own hashed file (console/build.ts). */
declare module '*.css';
