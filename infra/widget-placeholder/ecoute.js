// @ts-check
// Placeholder deployed when the widget was not built: run `npm run build` and deploy again.
console.warn('Écoute: this deployment carries no widget build yet (npm run build, then cdk deploy).');
