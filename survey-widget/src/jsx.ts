/** Injected by build.ts into every module: JSX compiles to h() calls, shorter than the automatic runtime's jsx({children}). */
export { Fragment, h } from 'preact';
