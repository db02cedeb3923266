/** Stand-in for functions/lambda.ts while it does not exist: the stack test bundles this. */
export const handler = async () => ({ statusCode: 200, body: '{"status":"ok"}' });
