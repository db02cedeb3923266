/**
 * The routes API Gateway sends to the public function: the app's public routes (functions/
 * public-app.ts; functions/public-app.test.ts checks the two lists agree), /health, and the
 * preflights of the paths only public routes use. A path public and staff routes share (PUT
 * /v1/surveys/{id} beside the GET) keeps its preflight on the staff function, which serves
 * every route, so it answers for both; the widget's POSTs are CORS simple requests anyway.
 * In a module of its own, without CDK, for the tests that route events as the gateway does.
 */
export const publicFunctionRoutes = [
  'GET /health',
  'GET /v1/surveys/{id}',
  'POST /v1/surveys/{id}/responses',
  'OPTIONS /v1/surveys/{id}/responses',
  'DELETE /v1/responses/{id}',
  'OPTIONS /v1/responses/{id}',
  'GET /v1/territories/{t}/suggestion-categories',
  'OPTIONS /v1/territories/{t}/suggestion-categories',
  'POST /v1/territories/{t}/suggestions',
  'GET /v1/suggestions/{code}',
] as const;
