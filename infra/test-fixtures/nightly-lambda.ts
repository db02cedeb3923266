/** Stand-in for functions/nightly/lambda.ts while it does not exist: the stack test bundles this. */
export const handler = async () => undefined;
